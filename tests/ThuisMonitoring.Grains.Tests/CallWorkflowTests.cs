using Microsoft.Extensions.DependencyInjection;
using ThuisMonitoring.Abstractions.Notifications;
using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Calls;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Timeline;
using ThuisMonitoring.Grains.Contracts;
using ThuisMonitoring.Grains.Tests.Cluster;
using ThuisMonitoring.Storage.Notifications;

namespace ThuisMonitoring.Grains.Tests;

/// <summary>
/// Calls, escalation and re-escalation through the patient grain: saved, indexed, pushed, in the timeline, and sent
/// through the notification outbox where someone outside the console must know.
/// </summary>
[Collection(PatientGrainCollection.Name)]
public sealed class CallWorkflowTests(PatientGrainCluster silo)
{
    private SqliteNotificationOutbox Outbox => silo.SiloServices.GetRequiredService<SqliteNotificationOutbox>();

    [Fact]
    public async Task An_escalating_call_is_saved_pushed_and_queued_for_the_responsible_clinician()
    {
        var (grain, alert) = await PatientWithRedAlertAsync("escalate");
        var responsible = (await grain.GetEpisode())!.Enrolment.ResponsibleClinician;

        var escalated = await grain.RecordCall(alert.AlertId, new CallReport("nurse.bakker", CallOutcome.Escalated, "sat 86 na hermeting", [new CallAnswer("hermeting", "86")]));

        escalated.Escalation.Should().BeEquivalentTo(new { To = responsible, By = "nurse.bakker", Emergency = false });
        (await silo.AlertIndex.GetAsync(alert.AlertId, CancellationToken.None)).Should().BeEquivalentTo(escalated);
        silo.Notifier.PushedFor(alert.PatientId).Last().Should().BeEquivalentTo(escalated);
        (await silo.SavedEpisodeAsync(grain))!.Alerts.Single().Calls.Should().ContainSingle();
        (await NotificationsForAsync(alert.AlertId)).Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Kind = ClinicalNotification.Escalation,
            Recipient = responsible,
            alert.PatientId,
            Level = "urgent",
            By = "nurse.bakker",
            Note = "sat 86 na hermeting",
        });
    }

    [Fact]
    public async Task The_clinician_accepting_resolves_the_alert_and_the_timeline_tells_the_whole_story()
    {
        var (grain, alert) = await PatientWithRedAlertAsync("accept");
        await grain.Claim(alert.AlertId, "nurse.bakker");
        await grain.RecordCall(alert.AlertId, new CallReport("nurse.bakker", CallOutcome.Escalated, null, []));

        var accepted = await grain.AcceptEscalation(alert.AlertId, "dr.visser", "opname");

        accepted.IsActive.Should().BeFalse();
        (await grain.GetTimeline()).Select(e => e.Kind).Should().Equal(
            TimelineKinds.AlertRaised, TimelineKinds.AlertClaimed, TimelineKinds.AlertAcknowledged, TimelineKinds.Call,
            TimelineKinds.Escalated, TimelineKinds.EscalationAccepted, TimelineKinds.AlertResolved);
    }

    [Fact]
    public async Task An_unclaimed_urgent_alert_is_raised_again_after_five_minutes_to_consoles_and_shift_lead()
    {
        var (grain, alert) = await PatientWithRedAlertAsync("re-escalate");

        silo.Clock.Advance(TimeSpan.FromMinutes(4));
        (await grain.ReEscalateUnclaimed()).Should().BeEmpty();
        silo.Clock.Advance(TimeSpan.FromMinutes(1));
        var raised = await grain.ReEscalateUnclaimed();

        raised.Should().ContainSingle().Which.ReEscalations.Should().Be(1);
        silo.Notifier.ReEscalatedFor(alert.PatientId).Should().ContainSingle();
        (await silo.AlertIndex.GetAsync(alert.AlertId, CancellationToken.None))!.ReEscalations.Should().Be(1);
        (await NotificationsForAsync(alert.AlertId)).Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Kind = ClinicalNotification.ReEscalation,
            Recipient = ClinicalNotification.ShiftLead,
        });
    }

    [Fact]
    public async Task Call_scripts_come_from_the_patients_protocol_for_the_alerts_reasons()
    {
        var (grain, alert) = await PatientWithRedAlertAsync("script");

        var scripts = await grain.GetCallScripts(alert.AlertId);

        // SpO2 88 on oxygen is spo2-critical and (with the oxygen term) a NEWS2 of 5: both scripts, the reason's order.
        alert.Reasons.Should().StartWith("spo2-critical");
        scripts.Select(s => s.Id).Should().StartWith("lage-saturatie");
        scripts[0].Steps.Should().Contain(s => s.Id == "hermeting");
    }

    [Fact]
    public async Task A_note_is_saved_in_the_timeline()
    {
        var (grain, _) = await PatientWithRedAlertAsync("note");

        var note = await grain.AddNote("nurse.bakker", "Dochter blijft vannacht.");

        (await grain.GetTimeline()).Last().Should().BeEquivalentTo(note);
        (await silo.Timeline.ReadAsync(grain.GetPrimaryKeyString(), new TimelineQuery(NewestFirst: true, Limit: 1), CancellationToken.None))
            .Entries.Should().ContainSingle().Which.Should().BeEquivalentTo(note, "the note is in the timeline store");
    }

    [Fact]
    public async Task The_next_measurement_due_comes_from_the_schedule()
    {
        var (grain, _) = await PatientWithRedAlertAsync("next-due");

        var due = await grain.GetNextMeasurementDue();

        due.Should().NotBeNull();
        due!.Value.Should().BeOnOrAfter(silo.Clock.GetUtcNow().AddHours(-1)).And.BeOnOrBefore(silo.Clock.GetUtcNow().AddHours(24));
    }

    private async Task<IReadOnlyList<ClinicalNotification>> NotificationsForAsync(string alertId)
    {
        var due = await Outbox.ListDueAsync(DateTimeOffset.MaxValue, 10_000, CancellationToken.None);
        return due.Select(p => p.Notification).Where(n => n.AlertId == alertId).ToList();
    }

    private async Task<(IPatientGrain Grain, Alert Alert)> PatientWithRedAlertAsync(string purpose)
    {
        var patientId = Ward.NewPatientId(purpose);
        var grain = silo.Patient(patientId);
        await grain.Enrol(Ward.EarlyDischarge(patientId, silo.Clock.GetUtcNow()));
        await grain.Record([Ward.Spo2(88, silo.Clock.GetUtcNow())], DeviceKind.Oximeter);
        return (grain, (await grain.GetEpisode())!.Alerts.Single());
    }
}
