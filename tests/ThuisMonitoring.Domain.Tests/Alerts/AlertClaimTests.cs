using Microsoft.Extensions.Time.Testing;
using ThuisMonitoring.Domain.Alerts;

namespace ThuisMonitoring.Domain.Tests.Alerts;

/// <summary>Claims: one nurse works an alert at a time; the claimer may release it or hand it to a colleague.</summary>
public sealed class AlertClaimTests
{
    private const string Anna = "nurse.anna";
    private const string Bram = "nurse.bram";
    private const string Carla = "nurse.carla";

    private readonly FakeTimeProvider _time = new(SpotCheck.MorningRound);
    private readonly AlertBook _book = new();

    public enum Step
    {
        Claim,
        Unclaim,
        HandOverToCarla,
        Acknowledge,
    }

    [Theory]
    // step,                 by,   claimed by before, resolved, allowed, claimed by after
    [InlineData(Step.Claim, Anna, null, false, true, Anna)]
    [InlineData(Step.Claim, Anna, Anna, false, true, Anna)]
    [InlineData(Step.Claim, Bram, Anna, false, false, Anna)]
    [InlineData(Step.Claim, Anna, null, true, false, null)]
    [InlineData(Step.Unclaim, Anna, Anna, false, true, null)]
    [InlineData(Step.Unclaim, Bram, Anna, false, false, Anna)]
    [InlineData(Step.Unclaim, Anna, null, false, false, null)]
    [InlineData(Step.HandOverToCarla, Anna, Anna, false, true, Carla)]
    [InlineData(Step.HandOverToCarla, Bram, Anna, false, false, Anna)]
    [InlineData(Step.HandOverToCarla, Anna, null, false, false, null)]
    [InlineData(Step.Acknowledge, Anna, null, false, true, Anna)]
    [InlineData(Step.Acknowledge, Anna, Anna, false, true, Anna)]
    [InlineData(Step.Acknowledge, Bram, Anna, false, false, Anna)]
    public void A_claim_step_is_allowed_only_for_the_right_nurse(Step step, string by, string? claimedBefore, bool resolved, bool allowed, string? claimedAfter)
    {
        var alertId = RaiseAlert();
        if (claimedBefore is not null)
        {
            _book.Claim(alertId, claimedBefore, _time.GetUtcNow());
        }

        if (resolved)
        {
            _book.Resolve(alertId, Anna, "advice-given", null, _time.GetUtcNow());
        }

        _time.Advance(TimeSpan.FromMinutes(1));
        var act = () => Perform(step, alertId, by);

        if (allowed)
        {
            act().ClaimedBy.Should().Be(claimedAfter);
        }
        else
        {
            act.Should().Throw<AlertTransitionException>();
        }

        _book.Find(alertId)!.ClaimedBy.Should().Be(claimedAfter);
    }

    [Fact]
    public void A_claim_records_who_and_when_and_leaves_the_status_open()
    {
        var alertId = RaiseAlert();
        _time.Advance(TimeSpan.FromMinutes(3));
        var claimedAt = _time.GetUtcNow();

        var claimed = _book.Claim(alertId, Anna, claimedAt);

        claimed.ClaimedBy.Should().Be(Anna);
        claimed.ClaimedAt.Should().Be(claimedAt);
        claimed.UpdatedAt.Should().Be(claimedAt);
        claimed.Status.Should().Be(AlertStatus.Open);
    }

    [Fact]
    public void Claiming_again_keeps_the_original_claim_time()
    {
        var alertId = RaiseAlert();
        var claimedAt = _time.GetUtcNow();
        _book.Claim(alertId, Anna, claimedAt);
        _time.Advance(TimeSpan.FromMinutes(5));

        _book.Claim(alertId, Anna, _time.GetUtcNow()).ClaimedAt.Should().Be(claimedAt);
    }

    [Fact]
    public void Releasing_clears_the_claim_so_a_colleague_can_take_it()
    {
        var alertId = RaiseAlert();
        _book.Claim(alertId, Anna, _time.GetUtcNow());

        var released = _book.Unclaim(alertId, Anna, _time.GetUtcNow());
        released.ClaimedBy.Should().BeNull();
        released.ClaimedAt.Should().BeNull();

        _book.Claim(alertId, Bram, _time.GetUtcNow()).ClaimedBy.Should().Be(Bram);
    }

    [Fact]
    public void A_handed_over_alert_belongs_to_the_colleague_from_the_hand_over()
    {
        var alertId = RaiseAlert();
        _book.Claim(alertId, Anna, _time.GetUtcNow());
        _time.Advance(TimeSpan.FromMinutes(2));
        var handedOverAt = _time.GetUtcNow();

        var handedOver = _book.HandOver(alertId, Anna, Bram, handedOverAt);

        handedOver.ClaimedBy.Should().Be(Bram);
        handedOver.ClaimedAt.Should().Be(handedOverAt);
        var annaClaimsBack = () => _book.Claim(alertId, Anna, _time.GetUtcNow());
        annaClaimsBack.Should().Throw<AlertTransitionException>();
    }

    [Fact]
    public void Handing_over_to_oneself_is_refused()
    {
        var alertId = RaiseAlert();
        _book.Claim(alertId, Anna, _time.GetUtcNow());

        var handOver = () => _book.HandOver(alertId, Anna, Anna, _time.GetUtcNow());

        handOver.Should().Throw<AlertTransitionException>();
    }

    [Fact]
    public void Claiming_an_unknown_alert_is_refused()
    {
        var claim = () => _book.Claim("no-such-alert", Anna, _time.GetUtcNow());

        claim.Should().Throw<AlertTransitionException>();
    }

    private Alert Perform(Step step, string alertId, string by) => step switch
    {
        Step.Claim => _book.Claim(alertId, by, _time.GetUtcNow()),
        Step.Unclaim => _book.Unclaim(alertId, by, _time.GetUtcNow()),
        Step.HandOverToCarla => _book.HandOver(alertId, by, Carla, _time.GetUtcNow()),
        _ => _book.Acknowledge(alertId, by, _time.GetUtcNow()),
    };

    private string RaiseAlert() =>
        _book.Apply(SpotCheck.Evaluate(SpotCheck.Of(spo2: 93), SpotCheck.RoomAir), "patient-1", _time.GetUtcNow(), () => "alert-1")
            .Single().AlertId;
}
