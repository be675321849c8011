using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ThuisMonitoring.Grains.Contracts;
using ThuisMonitoring.Grains.Patients;
using ThuisMonitoring.Grains.Tests.Cluster;

namespace ThuisMonitoring.Grains.Tests;

/// <summary>
/// The watch reminder after a restart (issue 14): an activation leaves an existing reminder row alone (no write per
/// activation, first ticks not moved to one minute after the restart), registers a missing one, and the first ticks
/// of patients are spread over the period by patient.
/// </summary>
public sealed class PatientWatchTests : IAsyncLifetime
{
    private readonly string _dataDirectory = TestDataDirectory.Create();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
    private readonly RecordingAlertNotifier _notifier = new();

    [Fact]
    public async Task Activation_after_a_restart_leaves_the_watch_reminder_row_as_the_enrolment_wrote_it()
    {
        var patientId = Ward.NewPatientId("watch-kept");
        ReminderEntry before;
        await using (var first = TestSilo.Build(_dataDirectory, _clock, _notifier))
        {
            await first.DeployAsync();
            var grain = first.Client.GetGrain<IPatientGrain>(patientId);
            await grain.Enrol(Ward.EarlyDischarge(patientId, _clock.GetUtcNow()));
            before = await WatchRowAsync(first, grain);
            await first.StopAllSilosAsync();
        }

        await using var second = TestSilo.Build(_dataDirectory, _clock, _notifier);
        await second.DeployAsync();
        var again = second.Client.GetGrain<IPatientGrain>(patientId);
        (await again.GetEpisode()).Should().NotBeNull("the grain is activated on the restarted silo");

        var after = await WatchRowAsync(second, again);
        after.ETag.Should().Be(before.ETag, "the activation did not write the reminder row");
        after.StartAt.Should().Be(before.StartAt, "the first tick stays where the enrolment put it");
        after.Period.Should().Be(PatientGrain.WatchPeriod);
    }

    [Fact]
    public async Task Activation_registers_the_watch_reminder_of_an_active_episode_that_has_none()
    {
        var patientId = Ward.NewPatientId("watch-missing");
        await using (var first = TestSilo.Build(_dataDirectory, _clock, _notifier))
        {
            await first.DeployAsync();
            var grain = first.Client.GetGrain<IPatientGrain>(patientId);
            await grain.Enrol(Ward.EarlyDischarge(patientId, _clock.GetUtcNow()));
            var row = await WatchRowAsync(first, grain);
            var table = first.Silos[0].ServiceProvider.GetRequiredService<IReminderTable>();
            (await table.RemoveRow(grain.GetGrainId(), PatientGrain.WatchReminder, row.ETag!)).Should().BeTrue();
            await first.StopAllSilosAsync();
        }

        await using var second = TestSilo.Build(_dataDirectory, _clock, _notifier);
        await second.DeployAsync();
        var again = second.Client.GetGrain<IPatientGrain>(patientId);
        await again.GetEpisode();

        var registered = await WatchRowAsync(second, again);
        registered.Period.Should().Be(PatientGrain.WatchPeriod);
    }

    [Fact]
    public void First_ticks_of_patients_enrolled_together_are_spread_over_the_period_and_stable_per_patient()
    {
        var ids = Enumerable.Range(0, 2000).Select(i => Ward.NewPatientId("phase")).ToList();
        var phases = ids.Select(PatientWatch.Phase).ToList();

        phases.Should().OnlyContain(p => p >= TimeSpan.Zero && p < PatientGrain.WatchPeriod);
        ids.Select(PatientWatch.Phase).Should().Equal(phases, "the phase is a function of the patient id");
        PatientWatch.FirstTick(ids[0]).Should().Be(PatientGrain.WatchPeriod + phases[0]);

        // Six ten-second slices of the minute: 2,000 patients spread evenly put about 333 in each.
        var slices = phases.GroupBy(p => (int)(p.TotalSeconds / 10)).ToDictionary(g => g.Key, g => g.Count());
        slices.Keys.Should().BeEquivalentTo(Enumerable.Range(0, 6));
        slices.Values.Should().OnlyContain(count => count > 200 && count < 470);
    }

    private static async Task<ReminderEntry> WatchRowAsync(Orleans.TestingHost.InProcessTestCluster cluster, IPatientGrain grain)
    {
        var table = cluster.Silos[0].ServiceProvider.GetRequiredService<IReminderTable>();
        var rows = (await table.ReadRows(grain.GetGrainId())).Reminders;
        return rows.Should().ContainSingle(r => r.ReminderName == PatientGrain.WatchReminder).Subject;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        TestDataDirectory.Delete(_dataDirectory);
        return Task.CompletedTask;
    }
}
