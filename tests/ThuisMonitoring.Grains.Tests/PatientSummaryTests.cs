using Microsoft.Extensions.DependencyInjection;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Protocols;
using ThuisMonitoring.Grains.Patients;
using ThuisMonitoring.Grains.Tests.Cluster;

namespace ThuisMonitoring.Grains.Tests;

/// <summary>
/// Issue 14, the read model: the patient grain writes the overview's summary whenever it saves its episode — at
/// enrolment, when an alert changes, and with the batched last-values flush — and the summary agrees with the grain.
/// </summary>
[Collection(PatientGrainCollection.Name)]
public sealed class PatientSummaryTests(PatientGrainCluster silo)
{
    private IPatientSummaries Summaries => silo.SiloServices.GetRequiredService<IPatientSummaries>();

    [Fact]
    public async Task Enrolment_an_alert_and_the_last_values_flush_each_write_the_summary()
    {
        var patientId = Ward.NewPatientId("summary");
        var grain = silo.Patient(patientId);
        await grain.Enrol(Ward.EarlyDischarge(patientId, silo.Clock.GetUtcNow()));
        var enrolled = await Summaries.GetAsync(patientId, default);
        enrolled.Should().NotBeNull("enrolment saves the episode");
        enrolled!.State.Should().Be(EpisodeState.Monitoring);
        enrolled.LastMeasurement.Should().BeNull();
        enrolled.NextMeasurementDue(silo.Clock.GetUtcNow()).Should().Be(await grain.GetNextMeasurementDue());

        var low = Ward.Spo2(88, silo.Clock.GetUtcNow());
        await grain.Record([low], DeviceKind.Oximeter);
        var alerted = (await Summaries.GetAsync(patientId, default))!;
        alerted.Level.Should().Be(Level.Red, "the alert saved the episode");
        alerted.LastMeasurement.Should().Be(low);

        silo.Clock.Advance(TimeSpan.FromMinutes(5));
        var green = Ward.Spo2(97, silo.Clock.GetUtcNow());
        await grain.Record([green], DeviceKind.Oximeter);
        silo.Clock.Advance(PatientGrain.LastValuesFlushInterval);

        // The flush timer's tick is queued on the grain; give it real time to run its save.
        var flushed = await EventuallyAsync(async () => await Summaries.GetAsync(patientId, default) is { } s && s.LastMeasurement == green ? s : null);
        flushed.Should().NotBeNull("the batched last-values flush writes the summary too");
        var episode = new Episode((await grain.GetEpisode())!);
        flushed!.Level.Should().Be(episode.Level);
        flushed.News2.Should().Be(episode.LastNews2Score);
        flushed.NextMeasurementDue(silo.Clock.GetUtcNow()).Should().Be(await grain.GetNextMeasurementDue());
    }

    private static async Task<T?> EventuallyAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var value = await probe();
            if (value is not null || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(50);
        }
    }
}
