using Microsoft.Extensions.Time.Testing;
using ThuisMonitoring.Domain.Advice;
using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Calls;
using ThuisMonitoring.Domain.DistrictNursing;
using ThuisMonitoring.Domain.Eligibility;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Handovers;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Monitoring;
using ThuisMonitoring.Domain.Protocols;
using ThuisMonitoring.Domain.Timeline;

namespace ThuisMonitoring.Domain.Tests.Monitoring;

/// <summary>
/// The monitor's command entry points (transitions, oxygen and advice decisions, care handovers, notes, intake,
/// threshold changes, eligibility): each returns its result and one <see cref="MonitorOutcome"/> for the host, as the
/// measurement and tick paths do. Pure domain, on a test clock.
/// </summary>
public sealed class PatientMonitorCommandTests
{
    private const string Clinician = "dr.jansen";
    private const string Receiver = "dr.bakker";
    private const string Anna = "nurse.anna";
    private static readonly ProtocolDocument Protocol = CovidOxygenProtocol.Default;

    private readonly FakeTimeProvider _time = new(SpotCheck.MorningRound);
    private readonly PatientMonitor _monitor;

    public PatientMonitorCommandTests()
    {
        var ids = 0;
        _monitor = new PatientMonitor(newId: () => $"id-{++ids}");
        _monitor.Enrol(new Enrolment("patient-1", Pathway.EarlyDischarge, Clinician, null, 2.0, null, _time.GetUtcNow().AddHours(-1)));
    }

    private DateTimeOffset Now => _time.GetUtcNow();

    [Theory]
    [InlineData(EpisodeState.Ended, true)]
    [InlineData(EpisodeState.Readmitted, true)]
    [InlineData(EpisodeState.Weaning, false)]
    public void A_transition_saves_now_and_ends_the_watch_only_when_monitoring_stops(EpisodeState to, bool endsWatch)
    {
        var (transition, outcome) = _monitor.Transition(to, Clinician, "besluit", Now);

        transition.Should().BeEquivalentTo(new { From = EpisodeState.Monitoring, To = to, By = Clinician, Reason = "besluit", At = Now });
        outcome.Save.Should().Be(MonitorSave.Now);
        outcome.EndsWatch.Should().Be(endsWatch);
        outcome.ChangedAlerts.Should().BeEmpty();
        outcome.Notices.Should().BeEmpty();
        _monitor.Episode!.State.Should().Be(to);
        _monitor.Episode.Timeline.Entries.Should().ContainSingle(e => e.Kind == TimelineKinds.EpisodeState);
    }

    [Fact]
    public void Weaning_back_to_monitoring_keeps_the_watch()
    {
        _monitor.Transition(EpisodeState.Weaning, Clinician, "afbouwen", Now);
        _time.Advance(TimeSpan.FromHours(6));

        var (_, outcome) = _monitor.Transition(EpisodeState.Monitoring, Clinician, "niet verdragen", Now);

        outcome.EndsWatch.Should().BeFalse();
        _monitor.NeedsWatch.Should().BeTrue();
    }

    [Fact]
    public void A_transition_the_lifecycle_does_not_allow_is_refused_and_changes_nothing()
    {
        _monitor.Transition(EpisodeState.Readmitted, Clinician, "opname", Now);

        var act = () => _monitor.Transition(EpisodeState.Monitoring, Clinician, "terug", Now);

        act.Should().Throw<EpisodeTransitionException>();
        _monitor.Episode!.State.Should().Be(EpisodeState.Readmitted);
    }

    [Fact]
    public void After_the_end_of_monitoring_a_measurement_no_longer_alerts()
    {
        _monitor.Transition(EpisodeState.Ended, Clinician, "hersteld", Now);
        _time.Advance(TimeSpan.FromMinutes(5));

        var outcome = _monitor.Record([SpotCheck.Of(spo2: 85, measuredAt: Now)], DeviceKind.PatientApp, "app-1", Protocol, Now);

        outcome.ChangedAlerts.Should().BeEmpty();
        _monitor.Tick(Protocol, Now).EndsWatch.Should().BeTrue();
    }

    [Fact]
    public void Withdrawing_consent_ends_an_active_episode_and_the_watch()
    {
        var (transition, outcome) = _monitor.WithdrawConsent(Anna, "wil niet meer", Now);

        transition!.To.Should().Be(EpisodeState.Ended);
        outcome.EndsWatch.Should().BeTrue();
        outcome.Save.Should().Be(MonitorSave.Now);
        _monitor.Episode!.Timeline.Entries.Select(e => e.Kind).Should().Contain(TimelineKinds.ConsentWithdrawn);
    }

    [Fact]
    public void Withdrawing_consent_after_the_end_records_it_without_a_transition()
    {
        _monitor.Transition(EpisodeState.Ended, Clinician, "hersteld", Now);

        var (transition, outcome) = _monitor.WithdrawConsent(Anna, null, Now);

        transition.Should().BeNull();
        outcome.EndsWatch.Should().BeTrue();
        outcome.Save.Should().Be(MonitorSave.Now);
    }

    [Fact]
    public void A_new_oxygen_flow_is_prescribed_from_now_and_saved()
    {
        _time.Advance(TimeSpan.FromHours(2));

        var outcome = _monitor.ChangeOxygenFlow(1.5, Clinician, Now);

        outcome.Save.Should().Be(MonitorSave.Now);
        outcome.ChangedAlerts.Should().BeEmpty();
        _monitor.Episode!.OxygenFlow.Should().Be(1.5);
        _monitor.Episode.OxygenFlowSince.Should().Be(Now);
        _monitor.Episode.PreviousOxygenFlow.Should().Be(2.0);
    }

    [Theory]
    [InlineData(-0.5)]
    [InlineData(15.5)]
    public void An_oxygen_flow_outside_the_measurement_range_is_refused(double flow)
    {
        var act = () => _monitor.ChangeOxygenFlow(flow, Clinician, Now);

        act.Should().Throw<ArgumentOutOfRangeException>();
        _monitor.Episode!.OxygenFlow.Should().Be(2.0);
    }

    [Fact]
    public void An_oxygen_change_without_who_is_refused()
    {
        var act = () => _monitor.ChangeOxygenFlow(1.0, " ", Now);

        act.Should().Throw<ArgumentException>();
    }

    [Theory]
    [InlineData(true, AdviceStatus.Accepted)]
    [InlineData(false, AdviceStatus.Rejected)]
    public void A_weaning_decision_is_recorded_never_applied(bool accept, AdviceStatus status)
    {
        var monitor = WithAdvice(new ClinicalAdvice("advice-1", AdviceKind.LowerOxygenFlow, "stable", "1 L/min lager", AdviceEvidence.None, 1.0, Now));
        _time.Advance(TimeSpan.FromMinutes(10));

        var (advice, outcome) = monitor.DecideAdvice("advice-1", accept, Clinician, "akkoord", Now);

        advice.Should().BeEquivalentTo(new { Status = status, DecidedBy = Clinician, DecidedAt = Now, Note = "akkoord" });
        outcome.Save.Should().Be(MonitorSave.Now);
        monitor.Episode!.OxygenFlow.Should().Be(2.0, "an accepted advice is not a prescription");
        monitor.Episode.Timeline.Entries.Should().ContainSingle(e => e.Kind == TimelineKinds.AdviceDecided);
    }

    [Fact]
    public void Deciding_an_advice_twice_is_refused()
    {
        var monitor = WithAdvice(new ClinicalAdvice("advice-1", AdviceKind.EndMonitoring, "stable", "beëindigen", AdviceEvidence.None, null, Now));
        monitor.DecideAdvice("advice-1", true, Clinician, null, Now);

        var act = () => monitor.DecideAdvice("advice-1", false, Clinician, null, Now);

        act.Should().Throw<EpisodeTransitionException>();
    }

    [Fact]
    public void A_threshold_change_goes_into_the_timeline_with_its_reason()
    {
        var (entry, outcome) = _monitor.RecordThresholdChange(Clinician, " COPD ", "covid-oxygen+patient", Now);

        entry.Should().BeEquivalentTo(new { Kind = TimelineKinds.ThresholdsChanged, By = Clinician, Text = "COPD" });
        entry.Details!["protocolId"].Should().Be("covid-oxygen+patient");
        outcome.Save.Should().Be(MonitorSave.Now);
    }

    [Fact]
    public void A_handover_request_changes_nobodys_responsibility_until_it_is_accepted()
    {
        var (handover, outcome) = _monitor.RequestHandover("h-1", Clinician, Receiver, "overdracht", Now);

        handover.Should().BeEquivalentTo(new { HandoverId = "h-1", From = Clinician, To = Receiver, Status = CareHandoverStatus.Pending });
        outcome.Save.Should().Be(MonitorSave.Now);
        outcome.ChangedAlerts.Should().BeEmpty();
        _monitor.Episode!.ResponsibleClinician.Should().Be(Clinician);
    }

    [Fact]
    public void An_accepted_handover_re_addresses_waiting_escalations_and_returns_them_as_changed_alerts()
    {
        var alertId = EscalatedRedAlert();
        _monitor.RequestHandover("h-1", Clinician, Receiver, null, Now);
        _time.Advance(TimeSpan.FromMinutes(10));

        var (handover, outcome) = _monitor.DecideHandover("h-1", true, Receiver, "neem over", Now);

        handover.Status.Should().Be(CareHandoverStatus.Accepted);
        _monitor.Episode!.ResponsibleClinician.Should().Be(Receiver);
        outcome.Save.Should().Be(MonitorSave.Now);
        outcome.ChangedAlerts.Should().ContainSingle().Which.Should().Match<Alert>(a => a.AlertId == alertId && a.Escalation!.To == Receiver);
    }

    [Fact]
    public void A_declined_handover_leaves_responsibility_and_escalations_where_they_were()
    {
        EscalatedRedAlert();
        _monitor.RequestHandover("h-1", Clinician, Receiver, null, Now);

        var (handover, outcome) = _monitor.DecideHandover("h-1", false, Receiver, "geen plek", Now);

        handover.Status.Should().Be(CareHandoverStatus.Declined);
        outcome.ChangedAlerts.Should().BeEmpty();
        _monitor.Episode!.ResponsibleClinician.Should().Be(Clinician);
    }

    [Fact]
    public void Undoing_an_accepted_handover_returns_responsibility_and_the_escalations_to_the_sender()
    {
        var alertId = EscalatedRedAlert();
        _monitor.RequestHandover("h-1", Clinician, Receiver, null, Now);
        _monitor.DecideHandover("h-1", true, Receiver, null, Now);

        var outcome = _monitor.UndoHandover("h-1", "register refused the write", Now);

        outcome.Save.Should().Be(MonitorSave.Now);
        outcome.ChangedAlerts.Should().ContainSingle().Which.Should().Match<Alert>(a => a.AlertId == alertId && a.Escalation!.To == Clinician);
        _monitor.Episode!.ResponsibleClinician.Should().Be(Clinician);
    }

    [Fact]
    public void A_handover_by_someone_not_responsible_is_refused()
    {
        var act = () => _monitor.RequestHandover("h-1", Anna, Receiver, null, Now);

        act.Should().Throw<CareHandoverException>();
    }

    [Fact]
    public void A_note_lands_in_the_timeline_trimmed_and_saves_now()
    {
        var (entry, outcome) = _monitor.AddNote(Anna, "  gebeld, gaat goed ", Now);

        entry.Should().BeEquivalentTo(new { Kind = TimelineKinds.Note, By = Anna, Text = "gebeld, gaat goed", At = Now });
        outcome.Should().BeEquivalentTo(new { Save = MonitorSave.Now, EndsWatch = false });
        outcome.ChangedAlerts.Should().BeEmpty();
        _monitor.Episode!.Timeline.Entries.Should().Contain(entry);
    }

    [Fact]
    public void An_empty_note_is_refused()
    {
        var act = () => _monitor.AddNote(Anna, " ", Now);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void An_intake_answer_lands_in_the_timeline_by_the_teams_coordinator()
    {
        var intake = new IntakeRequest("intake-1", "patient-1", "team-1", "org-1", "wondzorg", Anna, Now,
            IntakeStatus.Accepted, "coordinator", Now, "morgen");

        var (entry, outcome) = _monitor.RecordIntake(intake, "Wijkteam Noord", Now);

        entry.Should().BeEquivalentTo(new { Kind = TimelineKinds.IntakeAccepted, By = "coordinator", Text = "morgen" });
        entry.Details!["team"].Should().Be("Wijkteam Noord");
        outcome.Save.Should().Be(MonitorSave.Now);
    }

    [Fact]
    public void The_eligibility_check_uses_the_patients_protocol_and_is_stored_with_the_episode()
    {
        var values = new[] { SpotCheck.Of(spo2: 96, respiratoryRate: 16, measuredAt: Now.AddHours(-2)) };
        var request = new EligibilityRequest(Pathway.EarlyDischarge, values, 2.0, Now, ClinicallyImproving: true, CanMeasureAndReport: true, ConcentratorAtHome: true);

        var (result, outcome) = _monitor.CheckEligibility(request, Protocol);

        result.Should().BeEquivalentTo(EligibilityCheck.Check(request, Protocol));
        result.ProtocolId.Should().Be(Protocol.Id);
        outcome.Save.Should().Be(MonitorSave.Now);
        _monitor.Episode!.Eligibility.Should().Be(result);
    }

    private PatientMonitor WithAdvice(ClinicalAdvice advice) =>
        new(_monitor.Episode!.ToSnapshot() with { Advice = [advice] });

    private string EscalatedRedAlert()
    {
        var alertId = _monitor.Record([SpotCheck.Of(spo2: 88, measuredAt: Now)], DeviceKind.PatientApp, "app-1", Protocol, Now).ChangedAlerts.Single().AlertId;
        _time.Advance(TimeSpan.FromMinutes(3));
        _monitor.RecordCall(alertId, new CallReport(Anna, CallOutcome.Escalated, null, []), Protocol, Now);
        return alertId;
    }
}
