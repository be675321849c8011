using Microsoft.Extensions.Time.Testing;
using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Tests.Alerts;

/// <summary>The alerts of one patient: raised once, updated by repeats, escalated, worked by a nurse, resolved.</summary>
public sealed class AlertBookTests
{
    private const string PatientId = "patient-1";
    private readonly FakeTimeProvider _time = new(SpotCheck.MorningRound);
    private readonly AlertBook _book = new();
    private int _alertNumber;

    [Fact]
    public void A_green_evaluation_raises_no_alert()
    {
        var changed = Apply(SpotCheck.Of(spo2: 97, heartRate: 70));

        changed.Should().BeEmpty();
        _book.All.Should().BeEmpty();
    }

    [Fact]
    public void A_non_green_evaluation_raises_one_open_alert_with_its_findings()
    {
        var now = _time.GetUtcNow();

        var changed = Apply(SpotCheck.Of(spo2: 93));

        var alert = _book.All.Should().ContainSingle().Subject;
        changed.Should().Equal(alert);
        alert.PatientId.Should().Be(PatientId);
        alert.Status.Should().Be(AlertStatus.Open);
        alert.IsActive.Should().BeTrue();
        alert.Level.Should().Be(Level.Orange);
        alert.Reasons.Should().Equal("spo2-low");
        alert.LatestFindings.Should().Equal(new Finding("spo2-low", Level.Orange, "spo2", 93));
        alert.Count.Should().Be(1);
        alert.RaisedAt.Should().Be(now);
        alert.UpdatedAt.Should().Be(now);
    }

    [Fact]
    public void An_alert_records_the_protocol_and_the_measurement_that_raised_it()
    {
        var measuredAt = _time.GetUtcNow().AddMinutes(-2);

        Apply(SpotCheck.Of(heartRate: 135, messageId: "m-17", measuredAt: measuredAt));

        var alert = _book.All.Should().ContainSingle().Subject;
        alert.ProtocolId.Should().Be(CovidOxygenProtocol.Default.Id).And.Be("covid-oxygen@1");
        alert.TriggeredByMeasurementAt.Should().Be(measuredAt);
        alert.TriggeredByMessageId.Should().Be("m-17");
    }

    [Fact]
    public void A_repeat_of_the_same_reason_updates_the_alert_instead_of_raising_a_second()
    {
        var raisedAt = _time.GetUtcNow();
        var first = Apply(SpotCheck.Of(spo2: 93, messageId: "m-1")).Single();
        _time.Advance(TimeSpan.FromHours(6));
        var repeatedAt = _time.GetUtcNow();

        var changed = Apply(SpotCheck.Of(spo2: 92, messageId: "m-2", measuredAt: repeatedAt));

        var alert = _book.All.Should().ContainSingle().Subject;
        changed.Should().Equal(alert);
        alert.AlertId.Should().Be(first.AlertId);
        alert.Count.Should().Be(2);
        alert.RaisedAt.Should().Be(raisedAt);
        alert.UpdatedAt.Should().Be(repeatedAt);
        alert.LatestFindings.Should().Equal(new Finding("spo2-low", Level.Orange, "spo2", 92));
        alert.TriggeredByMessageId.Should().Be("m-2");
        alert.TriggeredByMeasurementAt.Should().Be(repeatedAt);
    }

    [Fact]
    public void A_higher_level_of_the_same_reason_escalates_the_same_alert()
    {
        var first = Apply(SpotCheck.Of(heartRate: 125)).Single();
        _time.Advance(TimeSpan.FromMinutes(30));

        Apply(SpotCheck.Of(heartRate: 135));

        var alert = _book.All.Should().ContainSingle().Subject;
        alert.AlertId.Should().Be(first.AlertId);
        first.Level.Should().Be(Level.Orange);
        alert.Level.Should().Be(Level.Red);
        alert.LatestFindings.Should().Equal(new Finding("heart-rate-high", Level.Red, "heartRate", 135));
    }

    [Fact]
    public void Spo2_falling_from_the_orange_band_to_critical_escalates_the_same_alert()
    {
        var first = Apply(SpotCheck.Of(spo2: 93)).Single();
        _time.Advance(TimeSpan.FromMinutes(30));

        Apply(SpotCheck.Of(spo2: 91));

        var alert = _book.Active.Should().ContainSingle().Subject;
        alert.AlertId.Should().Be(first.AlertId);
        alert.Level.Should().Be(Level.Red);
    }

    [Fact]
    public void The_level_does_not_drop_while_the_alert_is_active()
    {
        Apply(SpotCheck.Of(heartRate: 135));
        _time.Advance(TimeSpan.FromMinutes(30));

        Apply(SpotCheck.Of(heartRate: 125));

        var alert = _book.All.Should().ContainSingle().Subject;
        alert.Level.Should().Be(Level.Red);
        alert.Count.Should().Be(2);
        alert.LatestFindings.Should().Equal(new Finding("heart-rate-high", Level.Orange, "heartRate", 125));
    }

    [Fact]
    public void The_level_does_not_drop_while_the_alert_is_acknowledged()
    {
        var alert = Apply(SpotCheck.Of(heartRate: 135)).Single();
        _book.Acknowledge(alert.AlertId, "nurse.anna", _time.GetUtcNow());
        _time.Advance(TimeSpan.FromMinutes(30));

        Apply(SpotCheck.Of(heartRate: 125));

        var updated = _book.Find(alert.AlertId)!;
        updated.Level.Should().Be(Level.Red);
        updated.Status.Should().Be(AlertStatus.Acknowledged);
        updated.Count.Should().Be(2);
        _book.All.Should().ContainSingle();
    }

    [Fact]
    public void Reasons_that_fire_together_share_one_alert()
    {
        // SpO2 91 (3) + heart rate 135 (3) also fires news2-medium.
        var changed = Apply(SpotCheck.Of(spo2: 91, heartRate: 135, feeling: Feeling.Worse));

        var alert = _book.All.Should().ContainSingle().Subject;
        changed.Should().Equal(alert);
        alert.Level.Should().Be(Level.Red);
        alert.Reasons.Should().BeEquivalentTo("spo2-critical", "heart-rate-high", "news2-medium", "feels-worse");
    }

    [Fact]
    public void A_new_reason_firing_alongside_an_active_alert_joins_it()
    {
        var first = Apply(SpotCheck.Of(heartRate: 125)).Single();
        _time.Advance(TimeSpan.FromMinutes(30));

        Apply(SpotCheck.Of(heartRate: 125, feeling: Feeling.MuchWorse));

        var alert = _book.All.Should().ContainSingle().Subject;
        alert.AlertId.Should().Be(first.AlertId);
        alert.Level.Should().Be(Level.Red);
        alert.Reasons.Should().BeEquivalentTo("heart-rate-high", "feels-worse");
    }

    [Fact]
    public void A_nurse_acknowledges_and_then_resolves_an_alert()
    {
        var alert = Apply(SpotCheck.Of(spo2: 91)).Single();
        _time.Advance(TimeSpan.FromMinutes(3));
        var acknowledgedAt = _time.GetUtcNow();

        var acknowledged = _book.Acknowledge(alert.AlertId, "nurse.anna", acknowledgedAt);

        acknowledged.Status.Should().Be(AlertStatus.Acknowledged);
        acknowledged.IsActive.Should().BeTrue();
        acknowledged.AcknowledgedBy.Should().Be("nurse.anna");
        acknowledged.AcknowledgedAt.Should().Be(acknowledgedAt);
        acknowledged.UpdatedAt.Should().Be(acknowledgedAt);

        _time.Advance(TimeSpan.FromMinutes(10));
        var resolvedAt = _time.GetUtcNow();

        var resolved = _book.Resolve(alert.AlertId, "nurse.anna", "referred-to-ed", "Called 112", resolvedAt);

        resolved.Status.Should().Be(AlertStatus.Resolved);
        resolved.IsActive.Should().BeFalse();
        resolved.ResolvedBy.Should().Be("nurse.anna");
        resolved.ResolvedAt.Should().Be(resolvedAt);
        resolved.Outcome.Should().Be("referred-to-ed");
        resolved.Note.Should().Be("Called 112");
        resolved.AcknowledgedAt.Should().Be(acknowledgedAt);
        _book.Find(alert.AlertId).Should().Be(resolved);
        _book.Active.Should().BeEmpty();
    }

    [Fact]
    public void An_open_alert_can_be_resolved_without_acknowledging_it_first()
    {
        var alert = Apply(SpotCheck.Of(spo2: 93)).Single();

        var resolved = _book.Resolve(alert.AlertId, "nurse.anna", "advice-given", null, _time.GetUtcNow());

        resolved.Status.Should().Be(AlertStatus.Resolved);
        resolved.AcknowledgedAt.Should().BeNull();
    }

    [Fact]
    public void Resolving_a_resolved_alert_is_refused()
    {
        var alert = Apply(SpotCheck.Of(spo2: 93)).Single();
        _book.Resolve(alert.AlertId, "nurse.anna", "advice-given", null, _time.GetUtcNow());

        var resolveAgain = () => _book.Resolve(alert.AlertId, "nurse.bram", "advice-given", null, _time.GetUtcNow());

        resolveAgain.Should().Throw<AlertTransitionException>();
        _book.Find(alert.AlertId)!.ResolvedBy.Should().Be("nurse.anna");
    }

    [Fact]
    public void Acknowledging_a_resolved_alert_is_refused()
    {
        var alert = Apply(SpotCheck.Of(spo2: 93)).Single();
        _book.Resolve(alert.AlertId, "nurse.anna", "advice-given", null, _time.GetUtcNow());

        var acknowledge = () => _book.Acknowledge(alert.AlertId, "nurse.bram", _time.GetUtcNow());

        acknowledge.Should().Throw<AlertTransitionException>();
        _book.Find(alert.AlertId)!.Status.Should().Be(AlertStatus.Resolved);
    }

    [Fact]
    public void Acknowledging_an_acknowledged_alert_is_refused()
    {
        var alert = Apply(SpotCheck.Of(spo2: 93)).Single();
        _book.Acknowledge(alert.AlertId, "nurse.anna", _time.GetUtcNow());

        var acknowledgeAgain = () => _book.Acknowledge(alert.AlertId, "nurse.bram", _time.GetUtcNow());

        acknowledgeAgain.Should().Throw<AlertTransitionException>();
        _book.Find(alert.AlertId)!.AcknowledgedBy.Should().Be("nurse.anna");
    }

    [Fact]
    public void Working_an_unknown_alert_is_refused()
    {
        var acknowledge = () => _book.Acknowledge("no-such-alert", "nurse.anna", _time.GetUtcNow());
        var resolve = () => _book.Resolve("no-such-alert", "nurse.anna", "advice-given", null, _time.GetUtcNow());

        acknowledge.Should().Throw<AlertTransitionException>();
        resolve.Should().Throw<AlertTransitionException>();
    }

    [Fact]
    public void After_resolution_the_same_reason_raises_a_new_alert()
    {
        var first = Apply(SpotCheck.Of(spo2: 93)).Single();
        _book.Resolve(first.AlertId, "nurse.anna", "advice-given", null, _time.GetUtcNow());
        _time.Advance(TimeSpan.FromHours(6));
        var raisedAt = _time.GetUtcNow();

        var second = Apply(SpotCheck.Of(spo2: 93)).Single();

        second.AlertId.Should().NotBe(first.AlertId);
        second.Status.Should().Be(AlertStatus.Open);
        second.Count.Should().Be(1);
        second.RaisedAt.Should().Be(raisedAt);
        _book.All.Should().HaveCount(2);
        _book.Find(first.AlertId)!.Status.Should().Be(AlertStatus.Resolved);
        _book.Active.Should().Equal(second);
    }

    [Fact]
    public void A_book_restored_from_its_alerts_keeps_updating_the_active_alert()
    {
        var first = Apply(SpotCheck.Of(spo2: 93)).Single();
        var restored = new AlertBook(_book.All);

        restored.Apply(SpotCheck.Evaluate(SpotCheck.Of(spo2: 93), SpotCheck.RoomAir), PatientId, _time.GetUtcNow(), NextAlertId);

        restored.All.Should().ContainSingle().Which.Count.Should().Be(2);
        restored.All.Single().AlertId.Should().Be(first.AlertId);
    }

    private IReadOnlyList<Alert> Apply(Measurement measurement, double prescribedFlow = SpotCheck.RoomAir) =>
        _book.Apply(SpotCheck.Evaluate(measurement, prescribedFlow), PatientId, _time.GetUtcNow(), NextAlertId);

    private string NextAlertId() => $"alert-{++_alertNumber}";
}
