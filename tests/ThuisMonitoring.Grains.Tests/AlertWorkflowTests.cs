using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Grains.Contracts;
using ThuisMonitoring.Grains.Tests.Cluster;

namespace ThuisMonitoring.Grains.Tests;

[Collection(PatientGrainCollection.Name)]
public sealed class AlertWorkflowTests(PatientGrainCluster silo)
{
    [Fact]
    public async Task Acknowledging_through_the_grain_marks_the_alert_acknowledged_in_the_index()
    {
        var (grain, alert) = await PatientWithOpenAlertAsync("acknowledge");
        silo.Clock.Advance(TimeSpan.FromMinutes(2));

        var acknowledged = await grain.Acknowledge(alert.AlertId, "nurse.bakker");

        acknowledged.Status.Should().Be(AlertStatus.Acknowledged);
        acknowledged.AcknowledgedBy.Should().Be("nurse.bakker");
        acknowledged.AcknowledgedAt.Should().Be(silo.Clock.GetUtcNow());
        (await silo.AlertIndex.GetAsync(alert.AlertId, CancellationToken.None)).Should().BeEquivalentTo(acknowledged);
        silo.Notifier.PushedFor(alert.PatientId).Last().Should().BeEquivalentTo(acknowledged);
    }

    [Fact]
    public async Task Resolving_through_the_grain_records_outcome_and_note_in_the_index()
    {
        var (grain, alert) = await PatientWithOpenAlertAsync("resolve");
        await grain.Acknowledge(alert.AlertId, "nurse.bakker");

        var resolved = await grain.Resolve(alert.AlertId, "nurse.bakker", "oxygen-increased", "Flow naar 2 L/min, controle over 1 uur");

        resolved.Status.Should().Be(AlertStatus.Resolved);
        resolved.ResolvedBy.Should().Be("nurse.bakker");
        resolved.Outcome.Should().Be("oxygen-increased");
        resolved.Note.Should().Be("Flow naar 2 L/min, controle over 1 uur");
        (await silo.AlertIndex.GetAsync(alert.AlertId, CancellationToken.None)).Should().BeEquivalentTo(resolved);
        (await silo.AlertIndex.ListAsync(AlertStatus.Open, 1000, CancellationToken.None))
            .Should().NotContain(a => a.AlertId == alert.AlertId);
        (await grain.GetEpisode())!.Alerts.Single().Status.Should().Be(AlertStatus.Resolved);
    }

    [Fact]
    public async Task Acknowledging_a_resolved_alert_throws_AlertTransitionException_to_the_caller()
    {
        var (grain, alert) = await PatientWithOpenAlertAsync("ack-resolved");
        await grain.Resolve(alert.AlertId, "nurse.bakker", "no-action", null);

        var acknowledge = () => grain.Acknowledge(alert.AlertId, "nurse.de.vries");

        (await acknowledge.Should().ThrowAsync<AlertTransitionException>())
            .WithMessage($"*{alert.AlertId}*resolved*");
        (await silo.AlertIndex.GetAsync(alert.AlertId, CancellationToken.None))!.Status.Should().Be(AlertStatus.Resolved);
    }

    [Fact]
    public async Task Resolving_an_alert_twice_throws_AlertTransitionException_to_the_caller()
    {
        var (grain, alert) = await PatientWithOpenAlertAsync("resolve-twice");
        await grain.Resolve(alert.AlertId, "nurse.bakker", "no-action", null);

        var resolveAgain = () => grain.Resolve(alert.AlertId, "nurse.de.vries", "no-action", null);

        await resolveAgain.Should().ThrowAsync<AlertTransitionException>();
    }

    private async Task<(IPatientGrain Grain, Alert Alert)> PatientWithOpenAlertAsync(string purpose)
    {
        var patientId = Ward.NewPatientId(purpose);
        var grain = silo.Patient(patientId);
        await grain.Enrol(Ward.EarlyDischarge(patientId, silo.Clock.GetUtcNow()));
        await grain.Record([Ward.Spo2(88, silo.Clock.GetUtcNow())], DeviceKind.Oximeter);
        return (grain, (await grain.GetEpisode())!.Alerts.Single());
    }
}
