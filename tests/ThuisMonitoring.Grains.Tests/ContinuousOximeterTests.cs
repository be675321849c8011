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
    public async Task Oximeter_spot_checks_minutes_apart_are_each_evaluated_at_once()
    {
        var (grain, start) = await EnrolAsync("spot-checks");

        foreach (var (spo2, minute) in new[] { 95, 93, 88 }.Select((v, i) => (v, i * 5)))
        {
            await grain.Record([Ward.Spo2(spo2, start.AddMinutes(minute))], DeviceKind.Oximeter, "oximeter-1");
        }

        var alert = (await grain.GetEpisode())!.Alerts.Should().ContainSingle().Subject;
        alert.Level.Should().Be(Level.Red);
        alert.Reasons.Should().Contain(ReasonCodes.Spo2Critical);
    }

    [Fact]
    public async Task A_two_second_motion_spike_at_the_start_of_a_backlog_stream_raises_no_alert()
    {
        // The first report: the first samples of a stream used to be evaluated as spot checks (80 -> red).
        var (grain, start) = await EnrolAsync("start-spike");
        var trace = Trace(start, [95, 80, 80, 95], Enumerable.Repeat(95, 176));

        await grain.Record(trace, DeviceKind.Oximeter, "oximeter-1");

        (await grain.GetEpisode())!.Alerts.Should().BeEmpty();
    }

    [Fact]
    public async Task A_40_second_dip_to_90_while_walking_raises_no_alert_although_the_red_window_is_60_seconds()
    {
        // The second report: the old window median fired once more than half of the 60 s window was in the band.
        var (grain, start) = await EnrolAsync("walk-dip");
        var spo2 = Trace(start, Enumerable.Repeat(96, 180), Enumerable.Repeat(95, 10), Enumerable.Repeat(90, 40), Enumerable.Repeat(95, 10), Enumerable.Repeat(96, 180));
        var walking = spo2.Select((m, s) => s is >= 180 and < 240 ? m with { HeartRate = 115 } : m).ToList();

        foreach (var chunk in walking.Chunk(60))
        {
            await grain.Record(chunk, DeviceKind.Oximeter, "oximeter-1");
        }

        (await grain.GetEpisode())!.Alerts.Should().BeEmpty();
    }

    [Fact]
    public async Task A_deactivation_in_the_middle_of_a_window_does_not_start_it_cold()
    {
        var (grain, start) = await EnrolAsync("restart-window");
        var trace = Trace(start, Enumerable.Repeat(96, 120), Enumerable.Repeat(88, 70));
        await grain.Record(trace.Take(160).ToList(), DeviceKind.Oximeter, "oximeter-1");

        await cluster.Cluster.DeactivateAsync(grain);
        await grain.Record(trace.Skip(160).ToList(), DeviceKind.Oximeter, "oximeter-1");

        var alert = (await grain.GetEpisode())!.Alerts.Should().ContainSingle().Subject;
        alert.Reasons.Should().Contain(ReasonCodes.Spo2Critical, "40 s before and 30 s after the deactivation are one held window");
    }

    [Fact]
    public async Task Two_oximeters_of_one_patient_keep_their_own_streams()
    {
        var (grain, start) = await EnrolAsync("two-meters");
        var a = Trace(start, Enumerable.Repeat(96, 150));
        var b = Trace(start.AddMilliseconds(500), Enumerable.Repeat(88, 150));

        foreach (var (chunkA, chunkB) in a.Chunk(30).Zip(b.Chunk(30)))
        {
            await grain.Record(chunkA, DeviceKind.Oximeter, "oximeter-a");
            await grain.Record(chunkB, DeviceKind.Oximeter, "oximeter-b");
        }

        var alert = (await grain.GetEpisode())!.Alerts.Should().ContainSingle().Subject;
        alert.Level.Should().Be(Level.Red, "meter b held 88 for its whole window; mixed with meter a's 96 it never would");
    }

    [Fact]
    public async Task A_five_second_dip_in_a_1_Hz_stream_raises_no_alert()
    {
        var (grain, start) = await EnrolAsync("dip");
        var trace = Trace(start, Enumerable.Repeat(96, 120), Enumerable.Repeat(89, 5), Enumerable.Repeat(96, 120));

        await grain.Record(trace, DeviceKind.Oximeter, "oximeter-1");

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
            await grain.Record(second, DeviceKind.Oximeter, "oximeter-1");
        }

        var alert = (await grain.GetEpisode())!.Alerts.Should().ContainSingle().Subject;
        alert.Level.Should().Be(Level.Red);
        alert.Reasons.Should().Contain(ReasonCodes.Spo2Critical);
    }

    [Fact]
    public async Task Samples_while_the_sensor_is_reported_off_never_alert()
    {
        var (grain, start) = await EnrolAsync("sensor-off");
        await grain.Record(Trace(start, Enumerable.Repeat(96, 120)), DeviceKind.Oximeter, "oximeter-1");
        await grain.RecordDeviceStatus("oximeter-1", battery: null, sensorOn: false);

        await grain.Record(Trace(start.AddSeconds(120), Enumerable.Repeat(70, 120)), DeviceKind.Oximeter, "oximeter-1");

        (await grain.GetEpisode())!.Alerts.Should().BeEmpty();
    }

    [Fact]
    public async Task Watch_tick_after_the_stream_stopped_for_longer_than_the_silence_time_raises_device_silent_once()
    {
        var (grain, start) = await EnrolAsync("silent");
        await grain.Record(Trace(start, Enumerable.Repeat(96, 60)), DeviceKind.Oximeter, "oximeter-1");

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
    private async Task<(Contracts.IPatientGrain Grain, DateTimeOffset Start)> EnrolAsync(string purpose)
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
