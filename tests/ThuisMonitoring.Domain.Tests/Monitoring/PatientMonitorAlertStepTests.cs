using Microsoft.Extensions.Time.Testing;
using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Calls;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Monitoring;
using ThuisMonitoring.Domain.Protocols;
using ThuisMonitoring.Domain.Timeline;

namespace ThuisMonitoring.Domain.Tests.Monitoring;

/// <summary>
/// The monitor's alert steps (acknowledge, claim, release, hand over, resolve, accept an escalation): each returns the
/// worked alert and one <see cref="MonitorOutcome"/> whose only changed alert it is, saved now, as the commands do;
/// a refused step is the <see cref="AlertBook"/>'s refusal and changes nothing. Pure domain, on a test clock.
/// </summary>
public sealed class PatientMonitorAlertStepTests
{
    private const string Clinician = "dr.jansen";
    private const string Anna = "nurse.anna";
    private const string Bram = "nurse.bram";
    private static readonly ProtocolDocument Protocol = CovidOxygenProtocol.Default;

    private readonly FakeTimeProvider _time = new(SpotCheck.MorningRound);
    private readonly PatientMonitor _monitor;
    private readonly string _alertId;

    public PatientMonitorAlertStepTests()
    {
        var ids = 0;
        _monitor = new PatientMonitor(newId: () => $"id-{++ids}");
        _monitor.Enrol(new Enrolment("patient-1", Pathway.EarlyDischarge, Clinician, null, 2.0, null, _time.GetUtcNow().AddHours(-1)));
        _alertId = _monitor.Record([SpotCheck.Of(spo2: 88, measuredAt: Now)], DeviceKind.PatientApp, "app-1", Protocol, Now).ChangedAlerts.Single().AlertId;
        _time.Advance(TimeSpan.FromMinutes(2));
    }

    public enum Step
    {
        Acknowledge,
        Claim,
        Unclaim,
        HandOverToBram,
        Resolve,
        AcceptEscalation,
    }

    private DateTimeOffset Now => _time.GetUtcNow();

    private Alert Stored => _monitor.Episode!.Alerts.Find(_alertId)!;

    [Theory]
    [InlineData(Step.Acknowledge, TimelineKinds.AlertAcknowledged)]
    [InlineData(Step.Claim, TimelineKinds.AlertClaimed)]
    [InlineData(Step.Unclaim, TimelineKinds.AlertReleased)]
    [InlineData(Step.HandOverToBram, TimelineKinds.AlertHandedOver)]
    [InlineData(Step.Resolve, TimelineKinds.AlertResolved)]
    [InlineData(Step.AcceptEscalation, TimelineKinds.EscalationAccepted)]
    public void Each_alert_step_returns_the_worked_alert_as_the_only_changed_alert_and_saves_now(Step step, string timelineKind)
    {
        Prepare(step);

        var (alert, outcome) = Perform(step, Anna);

        alert.Should().Be(Stored);
        alert.UpdatedAt.Should().Be(Now);
        outcome.ChangedAlerts.Should().ContainSingle().Which.Should().Be(alert);
        outcome.Save.Should().Be(MonitorSave.Now);
        outcome.Notices.Should().BeEmpty("an alert step notifies nobody");
        outcome.ReEscalated.Should().BeEmpty();
        outcome.Advice.Should().BeEmpty();
        outcome.EndsWatch.Should().BeFalse();
        _monitor.Episode!.Timeline.Entries.Should().Contain(e => e.Kind == timelineKind && e.AlertId == _alertId && e.At == Now);
    }

    [Fact]
    public void Acknowledging_an_open_alert_claims_it_for_the_nurse()
    {
        var (alert, _) = _monitor.Acknowledge(_alertId, Anna, Now);

        alert.Should().BeEquivalentTo(new { Status = AlertStatus.Acknowledged, AcknowledgedBy = Anna, AcknowledgedAt = Now, ClaimedBy = Anna, ClaimedAt = Now });
    }

    [Fact]
    public void Releasing_a_claimed_alert_puts_it_back_in_the_queue_waiting_from_now()
    {
        _monitor.Claim(_alertId, Anna, Now);
        _time.Advance(TimeSpan.FromMinutes(5));

        var (alert, _) = _monitor.Unclaim(_alertId, Anna, Now);

        alert.ClaimedBy.Should().BeNull();
        alert.ClaimedAt.Should().BeNull();
        alert.WaitingSince.Should().Be(Now);
    }

    [Fact]
    public void Handing_over_makes_the_colleague_the_claimer()
    {
        _monitor.Claim(_alertId, Anna, Now);

        var (alert, _) = _monitor.HandOver(_alertId, Anna, Bram, Now);

        alert.Should().BeEquivalentTo(new { ClaimedBy = Bram, ClaimedAt = Now });
    }

    [Fact]
    public void Resolving_records_the_outcome_and_the_note()
    {
        var (alert, _) = _monitor.Resolve(_alertId, Anna, "advice-given", "gaat beter", Now);

        alert.Should().BeEquivalentTo(new { Status = AlertStatus.Resolved, ResolvedBy = Anna, ResolvedAt = Now, Outcome = "advice-given", Note = "gaat beter" });
    }

    [Fact]
    public void Accepting_an_escalation_resolves_the_alert_for_the_clinician()
    {
        Escalate();

        var (alert, _) = _monitor.AcceptEscalation(_alertId, Clinician, "komt langs", Now);

        alert.Status.Should().Be(AlertStatus.Resolved);
        alert.ResolvedBy.Should().Be(Clinician);
        alert.Escalation.Should().BeEquivalentTo(new { To = Clinician, AcceptedBy = Clinician, AcceptedAt = Now, AcceptNote = "komt langs" });
    }

    [Fact]
    public void A_claim_again_by_the_claimer_changes_nothing_but_is_still_saved_and_published()
    {
        var (claimed, _) = _monitor.Claim(_alertId, Anna, Now);
        _time.Advance(TimeSpan.FromMinutes(1));

        var (alert, outcome) = _monitor.Claim(_alertId, Anna, Now);

        alert.Should().Be(claimed);
        outcome.ChangedAlerts.Should().ContainSingle().Which.Should().Be(claimed);
        outcome.Save.Should().Be(MonitorSave.Now);
    }

    [Theory]
    [InlineData(Step.Acknowledge)]
    [InlineData(Step.Claim)]
    [InlineData(Step.Unclaim)]
    [InlineData(Step.HandOverToBram)]
    public void A_step_on_an_alert_a_colleague_holds_is_refused_and_changes_nothing(Step step)
    {
        _monitor.Claim(_alertId, Anna, Now);

        RefusedAndUnchanged(() => Perform(step, Bram));
    }

    [Theory]
    [InlineData(Step.Acknowledge)]
    [InlineData(Step.Claim)]
    [InlineData(Step.Unclaim)]
    [InlineData(Step.HandOverToBram)]
    [InlineData(Step.Resolve)]
    public void A_step_on_a_resolved_alert_is_refused_and_changes_nothing(Step step)
    {
        _monitor.Resolve(_alertId, Anna, "advice-given", null, Now);

        RefusedAndUnchanged(() => Perform(step, Anna));
    }

    [Fact]
    public void Handing_an_alert_over_to_oneself_is_refused()
    {
        _monitor.Claim(_alertId, Anna, Now);

        var act = () => _monitor.HandOver(_alertId, Anna, Anna, Now);

        act.Should().Throw<AlertTransitionException>();
    }

    [Fact]
    public void Accepting_without_an_escalation_waiting_is_refused_and_changes_nothing()
    {
        RefusedAndUnchanged(() => _monitor.AcceptEscalation(_alertId, Clinician, null, Now));
    }

    [Fact]
    public void A_step_on_an_alert_that_does_not_exist_is_refused()
    {
        var act = () => _monitor.Acknowledge("no-such-alert", Anna, Now);

        act.Should().Throw<AlertTransitionException>().WithMessage("*does not exist*");
    }

    /// <summary>A minute later the step is refused with the <see cref="AlertBook"/>'s error, and the alert stays as it was.</summary>
    private void RefusedAndUnchanged(Func<MonitorOutcome<Alert>> step)
    {
        var before = Stored;
        _time.Advance(TimeSpan.FromMinutes(1));

        step.Should().Throw<AlertTransitionException>();
        Stored.Should().Be(before);
    }

    /// <summary>What the step needs before it may be taken by Anna (or, to accept, the clinician): a claim, an escalation.</summary>
    private void Prepare(Step step)
    {
        if (step is Step.Unclaim or Step.HandOverToBram)
        {
            _monitor.Claim(_alertId, Anna, Now);
        }
        else if (step is Step.AcceptEscalation)
        {
            Escalate();
        }

        _time.Advance(TimeSpan.FromMinutes(1));
    }

    private MonitorOutcome<Alert> Perform(Step step, string by) => step switch
    {
        Step.Acknowledge => _monitor.Acknowledge(_alertId, by, Now),
        Step.Claim => _monitor.Claim(_alertId, by, Now),
        Step.Unclaim => _monitor.Unclaim(_alertId, by, Now),
        Step.HandOverToBram => _monitor.HandOver(_alertId, by, Bram, Now),
        Step.Resolve => _monitor.Resolve(_alertId, by, "advice-given", null, Now),
        Step.AcceptEscalation => _monitor.AcceptEscalation(_alertId, Clinician, null, Now),
        _ => throw new ArgumentOutOfRangeException(nameof(step)),
    };

    private void Escalate() =>
        _monitor.RecordCall(_alertId, new CallReport(Anna, CallOutcome.Escalated, null, []), Protocol, Now);
}
