using Microsoft.Extensions.DependencyInjection;
using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Protocols;
using ThuisMonitoring.Grains.Patients;
using ThuisMonitoring.Grains.Tests.Cluster;

namespace ThuisMonitoring.Grains.Tests;

/// <summary>A 1 Hz oximeter stream goes through the persistence windows; the device watch notices it going silent.</summary>
[Collection(PatientGrainCollection.Name)]
public sealed class ContinuousOximeterTests(PatientGrainCluster cluster)
{
    [Fact]
    public async Task A_few_oximeter_spot_checks_seconds_apart_are_each_evaluated_at_once()
    {
        var (grain, start) = await EnrolAsync("quick-spot-checks");

        foreach (var (spo2, second) in new[] { 95, 93, 91, 88 }.Select((v, i) => (v, i)))
        {
            await grain.Record([Ward.Spo2(spo2, start.AddSeconds(second))], DeviceKind.Oximeter);
        }

        var alert = (await grain.GetEpisode())!.Alerts.Should().ContainSingle().Subject;
        alert.Level.Should().Be(Level.Red);
        alert.Reasons.Should().Contain(ReasonCodes.Spo2Critical);
    }

    [Fact]
    public async Task A_five_second_dip_in_a_1_Hz_stream_raises_no_alert()
    {
        var (grain, start) = await EnrolAsync("dip");
        var trace = Trace(start, Enumerable.Repeat(96, 120), Enumerable.Repeat(89, 5), Enumerable.Repeat(96, 120));

        await grain.Record(trace, DeviceKind.Oximeter);

        var episode = await grain.GetEpisode();
        episode!.Alerts.Should().BeEmpty();
        episode.LastMeasurement.Should().Be(trace[^1], "the last values show the newest continuous sample");
    }

    [Fact]
    public async Task Spo2_88_held_for_90_seconds_in_a_1_Hz_stream_raises_exactly_one_red_alert()
    {
        var (grain, start) = await EnrolAsync("desaturation");
        var trace = Trace(start, Enumerable.Repeat(96, 120), Enumerable.Range(0, 8).Select(i => 95 - i), Enumerable.Repeat(88, 90));

        foreach (var second in trace.Chunk(30))
        {
            await grain.Record(second, DeviceKind.Oximeter);
        }

        var alert = (await grain.GetEpisode())!.Alerts.Should().ContainSingle().Subject;
        alert.Level.Should().Be(Level.Red);
        alert.Reasons.Should().Contain(ReasonCodes.Spo2Critical);
    }

    [Fact]
    public async Task Samples_while_the_sensor_is_reported_off_never_alert()
    {
        var (grain, start) = await EnrolAsync("sensor-off");
        await grain.Record(Trace(start, Enumerable.Repeat(96, 120)), DeviceKind.Oximeter);
        await grain.RecordDeviceStatus("oximeter-1", battery: null, sensorOn: false);

        await grain.Record(Trace(start.AddSeconds(120), Enumerable.Repeat(70, 120)), DeviceKind.Oximeter);

        (await grain.GetEpisode())!.Alerts.Should().BeEmpty();
    }

    [Fact]
    public async Task Watch_tick_after_the_stream_stopped_for_longer_than_the_silence_time_raises_device_silent_once()
    {
        var (grain, start) = await EnrolAsync("silent");
        await grain.Record(Trace(start, Enumerable.Repeat(96, 60)), DeviceKind.Oximeter);

        await ScheduleWatch.TickAsync(cluster.Cluster.Client, grain);
        await ScheduleWatch.TickAsync(cluster.Cluster.Client, grain);

        var alert = (await grain.GetEpisode())!.Alerts.Should().ContainSingle().Subject;
        alert.Reasons.Should().Equal(ReasonCodes.DeviceSilent);
        alert.Count.Should().Be(1, "one silence is one alert, not one per tick");
    }

    [Fact]
    public async Task Ending_the_episode_removes_the_watch_reminder()
    {
        var (grain, _) = await EnrolAsync("watch-removed");
        var reminders = cluster.SiloServices.GetRequiredService<IReminderTable>();
        (await reminders.ReadRows(grain.GetGrainId())).Reminders.Should().ContainSingle(r => r.ReminderName == PatientGrain.WatchReminder);

        await grain.Transition(EpisodeState.Ended, "dr.jansen", "stable off oxygen");

        (await reminders.ReadRows(grain.GetGrainId())).Reminders.Should().BeEmpty();
    }

    // The stream starts an hour before the silo's clock: by "now" the meter has been silent for longer than the protocol allows.
    private async Task<(Abstractions.Grains.IPatientGrain Grain, DateTimeOffset Start)> EnrolAsync(string purpose)
    {
        var patientId = Ward.NewPatientId(purpose);
        var grain = cluster.Patient(patientId);
        var now = cluster.Clock.GetUtcNow();
        await grain.Enrol(Ward.EarlyDischarge(patientId, now));
        return (grain, now.AddHours(-1));
    }

    private static List<Measurement> Trace(DateTimeOffset start, params IEnumerable<int>[] parts) =>
        parts.SelectMany(p => p).Select((spo2, second) => Ward.Spo2(spo2, start.AddSeconds(second))).ToList();
}
