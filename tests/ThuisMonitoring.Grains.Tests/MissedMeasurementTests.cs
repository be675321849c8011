using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Protocols;
using ThuisMonitoring.Domain.Schedules;
using ThuisMonitoring.Grains.Tests.Cluster;

namespace ThuisMonitoring.Grains.Tests;

[Collection(PatientGrainCollection.Name)]
public sealed class MissedMeasurementTests(PatientGrainCluster cluster)
{
    [Fact]
    public async Task Watch_tick_after_the_grace_period_of_a_due_measurement_raises_measurement_missed()
    {
        var patientId = Ward.NewPatientId("missed");
        var grain = cluster.Patient(patientId);
        // Enrolled half a day ago and nothing measured since: due times with their grace period have passed.
        var enrolment = Ward.EarlyDischarge(patientId, cluster.Clock.GetUtcNow().AddHours(-12));
        await grain.Enrol(enrolment);
        var firstDue = MeasurementSchedule.For(CovidOxygenProtocol.Default, enrolment).DueAfter(enrolment.EnrolledAt.AddTicks(-1)).First();
        MissedMeasurementRule.DecideAt(firstDue, CovidOxygenProtocol.Default.Schedule).Should().BeBefore(cluster.Clock.GetUtcNow());

        await ScheduleWatch.TickAsync(cluster.Cluster.Client, grain);

        var episode = await grain.GetEpisode();
        var missed = episode!.Alerts.Should().ContainSingle(a => a.Reasons.Contains(ReasonCodes.MeasurementMissed)).Subject;
        missed.Status.Should().Be(AlertStatus.Open);
        episode.LastDueChecked.Should().NotBeNull();
        cluster.Notifier.PushedFor(patientId).Should().Contain(a => a.AlertId == missed.AlertId);
        (await cluster.SavedEpisodeAsync(grain))!.Alerts.Should().Contain(a => a.AlertId == missed.AlertId);
    }

    [Fact]
    public async Task Watch_tick_before_any_grace_period_ended_raises_nothing()
    {
        var patientId = Ward.NewPatientId("not-yet-missed");
        var grain = cluster.Patient(patientId);
        await grain.Enrol(Ward.EarlyDischarge(patientId, cluster.Clock.GetUtcNow()));

        await ScheduleWatch.TickAsync(cluster.Cluster.Client, grain);

        (await grain.GetEpisode())!.Alerts.Should().BeEmpty();
    }
}
