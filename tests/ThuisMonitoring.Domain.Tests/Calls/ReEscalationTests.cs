using Microsoft.Extensions.Time.Testing;
using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Calls;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Tests.Calls;

/// <summary>An alert nobody claims is raised again: urgent after 5 minutes, warning after 30 (default protocol).</summary>
public sealed class ReEscalationTests
{
    private static readonly CallRules Rules = CovidOxygenProtocol.Default.Calls;

    private readonly FakeTimeProvider _time = new(SpotCheck.MorningRound);
    private readonly AlertBook _book = new();

    [Theory]
    // spo2 (level),  minutes unclaimed, raised again
    [InlineData(88, 4, false)]
    [InlineData(88, 5, true)]
    [InlineData(93, 29, false)]
    [InlineData(93, 30, true)]
    public void An_unclaimed_alert_is_raised_again_after_the_time_for_its_level(int spo2, int minutes, bool raised)
    {
        Raise(spo2);
        _time.Advance(TimeSpan.FromMinutes(minutes));

        var again = _book.ReEscalateUnclaimed(Rules, _time.GetUtcNow());

        again.Should().HaveCount(raised ? 1 : 0);
        if (raised)
        {
            again[0].ReEscalations.Should().Be(1);
            again[0].ReEscalatedAt.Should().Be(_time.GetUtcNow());
        }
    }

    [Fact]
    public void A_claimed_alert_is_not_raised_again()
    {
        var alertId = Raise(88);
        _book.Claim(alertId, "nurse.anna", _time.GetUtcNow());
        _time.Advance(TimeSpan.FromHours(1));

        _book.ReEscalateUnclaimed(Rules, _time.GetUtcNow()).Should().BeEmpty();
    }

    [Fact]
    public void An_alert_waiting_for_the_clinician_is_not_raised_again()
    {
        var alertId = Raise(88);
        _book.RecordCall(alertId, new CallReport("nurse.anna", CallOutcome.Escalated, null, []), Rules, "dr.jansen", _time.GetUtcNow(), () => "call-1");
        _book.Unclaim(alertId, "nurse.anna", _time.GetUtcNow());
        _time.Advance(TimeSpan.FromHours(1));

        _book.ReEscalateUnclaimed(Rules, _time.GetUtcNow()).Should().BeEmpty();
    }

    [Fact]
    public void Still_unclaimed_it_is_raised_again_every_period_not_every_check()
    {
        Raise(88);
        _time.Advance(TimeSpan.FromMinutes(5));
        _book.ReEscalateUnclaimed(Rules, _time.GetUtcNow()).Should().ContainSingle();

        _time.Advance(TimeSpan.FromMinutes(4));
        _book.ReEscalateUnclaimed(Rules, _time.GetUtcNow()).Should().BeEmpty();

        _time.Advance(TimeSpan.FromMinutes(1));
        _book.ReEscalateUnclaimed(Rules, _time.GetUtcNow()).Should().ContainSingle().Which.ReEscalations.Should().Be(2);
    }

    [Fact]
    public void A_released_alert_waits_from_its_release()
    {
        var alertId = Raise(88);
        _book.Claim(alertId, "nurse.anna", _time.GetUtcNow());
        _time.Advance(TimeSpan.FromMinutes(20));
        _book.Unclaim(alertId, "nurse.anna", _time.GetUtcNow());

        _time.Advance(TimeSpan.FromMinutes(4));
        _book.ReEscalateUnclaimed(Rules, _time.GetUtcNow()).Should().BeEmpty();
        _time.Advance(TimeSpan.FromMinutes(1));
        _book.ReEscalateUnclaimed(Rules, _time.GetUtcNow()).Should().ContainSingle();
    }

    [Fact]
    public void After_an_unreachable_call_the_alert_waits_from_the_retry_time()
    {
        var alertId = Raise(88);
        _book.RecordCall(alertId, new CallReport("nurse.anna", CallOutcome.Unreachable, null, []), Rules, "dr.jansen", _time.GetUtcNow(), () => "call-1");

        _time.Advance(TimeSpan.FromMinutes(9));
        _book.ReEscalateUnclaimed(Rules, _time.GetUtcNow()).Should().BeEmpty();
        _time.Advance(TimeSpan.FromMinutes(1));
        _book.ReEscalateUnclaimed(Rules, _time.GetUtcNow()).Should().ContainSingle();
    }

    [Fact]
    public void A_resolved_alert_is_never_raised_again()
    {
        var alertId = Raise(88);
        _book.Resolve(alertId, "nurse.anna", "resolved-at-home", null, _time.GetUtcNow());
        _time.Advance(TimeSpan.FromHours(2));

        _book.ReEscalateUnclaimed(Rules, _time.GetUtcNow()).Should().BeEmpty();
    }

    private string Raise(int spo2) =>
        _book.Apply(SpotCheck.Evaluate(SpotCheck.Of(spo2: spo2, measuredAt: _time.GetUtcNow()), SpotCheck.RoomAir), "patient-1", _time.GetUtcNow(), () => "alert-1")
            .Single().AlertId;
}
