using Microsoft.Extensions.DependencyInjection;
using ThuisMonitoring.Grains.Patients;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Grains.Tests.Cluster;

namespace ThuisMonitoring.Grains.Tests;

[Collection(PatientGrainCollection.Name)]
public sealed class EpisodePersistenceTests(PatientGrainCluster silo)
{
    /// <summary>The grain batches saving last values that raised no alert.</summary>
    private static readonly TimeSpan LastValuesFlushInterval = PatientGrain.LastValuesFlushInterval;

    [Fact]
    public async Task Episode_is_the_same_after_deactivation_and_reactivation()
    {
        var patientId = Ward.NewPatientId("reactivate");
        var grain = silo.Patient(patientId);
        await grain.Enrol(Ward.EarlyDischarge(patientId, silo.Clock.GetUtcNow()));
        await grain.Record([Ward.Spo2(92, silo.Clock.GetUtcNow())], DeviceKind.Oximeter);
        silo.Clock.Advance(TimeSpan.FromMinutes(3));
        var last = Ward.Spo2(88, silo.Clock.GetUtcNow());
        await grain.Record([last], DeviceKind.Oximeter);
        var before = await grain.GetEpisode();

        await silo.Cluster.DeactivateAsync(grain);

        var after = await grain.GetEpisode();
        after.Should().NotBeNull();
        after!.Enrolment.Should().Be(before!.Enrolment);
        after.Alerts.Should().BeEquivalentTo(before.Alerts, o => o.WithStrictOrdering());
        after.LastMeasurement.Should().Be(last);
        after.Should().BeEquivalentTo(before);
    }

    [Fact]
    public async Task Green_measurement_is_saved_lazily_not_on_the_call()
    {
        var patientId = Ward.NewPatientId("lazy");
        var grain = silo.Patient(patientId);
        await grain.Enrol(Ward.EarlyDischarge(patientId, silo.Clock.GetUtcNow()));

        await grain.Record([Ward.Spo2(97, silo.Clock.GetUtcNow())], DeviceKind.Oximeter);

        (await grain.GetEpisode())!.LastMeasurement.Should().NotBeNull();
        (await silo.SavedEpisodeAsync(grain))!.LastMeasurement.Should().BeNull("green last values are batched, not saved per call");
    }

    [Fact]
    public async Task Green_measurement_is_still_there_after_deactivation_because_deactivation_saves_it()
    {
        var patientId = Ward.NewPatientId("lazy-deactivate");
        var grain = silo.Patient(patientId);
        await grain.Enrol(Ward.EarlyDischarge(patientId, silo.Clock.GetUtcNow()));
        var green = Ward.Spo2(97, silo.Clock.GetUtcNow());
        await grain.Record([green], DeviceKind.Oximeter);

        await silo.Cluster.DeactivateAsync(grain);

        (await silo.SavedEpisodeAsync(grain))!.LastMeasurement.Should().Be(green);
        (await grain.GetEpisode())!.LastMeasurement.Should().Be(green);
    }

    [Fact]
    public async Task Green_measurement_is_saved_by_the_grain_timer_within_the_flush_interval()
    {
        var patientId = Ward.NewPatientId("lazy-timer");
        var grain = silo.Patient(patientId);
        await grain.Enrol(Ward.EarlyDischarge(patientId, silo.Clock.GetUtcNow()));
        var green = Ward.Spo2(97, silo.Clock.GetUtcNow());
        await grain.Record([green], DeviceKind.Oximeter);

        silo.Clock.Advance(LastValuesFlushInterval);

        // The timer tick is queued on the grain; give it real time to run its save.
        var saved = await EventuallyAsync(async () => (await silo.SavedEpisodeAsync(grain))?.LastMeasurement);
        saved.Should().Be(green);
    }

    [Fact]
    public async Task The_first_batched_save_after_enrolment_comes_at_the_patients_first_flush_time_not_a_whole_interval_later()
    {
        var patientId = Ward.NewPatientId("first-flush");
        var grain = silo.Patient(patientId);
        await grain.Enrol(Ward.EarlyDischarge(patientId, silo.Clock.GetUtcNow()));
        var green = Ward.Spo2(97, silo.Clock.GetUtcNow());
        await grain.Record([green], DeviceKind.Oximeter);

        var due = PatientGrain.FirstLastValuesFlushDue(patientId);
        due.Should().BeLessThan(LastValuesFlushInterval);
        silo.Clock.Advance(due);

        var saved = await EventuallyAsync(async () => (await silo.SavedEpisodeAsync(grain))?.LastMeasurement);
        saved.Should().Be(green);
    }

    [Fact]
    public void The_first_batched_saves_of_2000_patients_are_spread_between_5_and_15_seconds()
    {
        var dues = Enumerable.Range(0, 2000).Select(i => PatientGrain.FirstLastValuesFlushDue($"patient-{i:D5}")).ToList();

        dues.Should().OnlyContain(due => due >= TimeSpan.FromSeconds(5) && due < TimeSpan.FromSeconds(15));
        dues.Max().Subtract(dues.Min()).Should().BeGreaterThan(TimeSpan.FromSeconds(9.5), "spread over the whole 10 s");
        dues.GroupBy(due => (int)due.TotalSeconds).Should().HaveCount(10)
            .And.OnlyContain(second => second.Count() > 120, "about 200 patients a second, not a burst");
        PatientGrain.FirstLastValuesFlushDue("patient-00042").Should().Be(PatientGrain.FirstLastValuesFlushDue("patient-00042"), "the same on every host");
    }

    [Fact]
    public async Task SaveLastValues_saves_batched_last_values_at_once()
    {
        var patientId = Ward.NewPatientId("save-now");
        var grain = silo.Patient(patientId);
        await grain.Enrol(Ward.EarlyDischarge(patientId, silo.Clock.GetUtcNow()));
        var green = Ward.Spo2(97, silo.Clock.GetUtcNow());
        await grain.Record([green], DeviceKind.Oximeter);
        (await silo.SavedEpisodeAsync(grain))!.LastMeasurement.Should().BeNull("batched");

        await grain.SaveLastValues();

        (await silo.SavedEpisodeAsync(grain))!.LastMeasurement.Should().Be(green);
    }

    [Fact]
    public async Task Active_patients_are_known_to_the_silo_until_they_deactivate()
    {
        var patientId = Ward.NewPatientId("active");
        var grain = silo.Patient(patientId);
        var active = silo.SiloServices.GetRequiredService<ActivePatients>();
        await grain.Enrol(Ward.EarlyDischarge(patientId, silo.Clock.GetUtcNow()));

        active.Snapshot().Should().Contain(patientId);

        await silo.Cluster.DeactivateAsync(grain);

        active.Snapshot().Should().NotContain(patientId);
    }

    private static async Task<T?> EventuallyAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
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
