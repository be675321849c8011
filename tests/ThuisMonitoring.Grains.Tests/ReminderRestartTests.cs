using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ThuisMonitoring.Domain.Protocols;
using ThuisMonitoring.Domain.Schedules;
using ThuisMonitoring.Grains.Contracts;
using ThuisMonitoring.Grains.Patients;
using ThuisMonitoring.Grains.Tests.Cluster;

namespace ThuisMonitoring.Grains.Tests;

/// <summary>The watch reminder is a row in reminders.db: a new silo on the same data directory has it and ticks it.</summary>
public sealed class ReminderRestartTests : IAsyncLifetime
{
    private readonly string _dataDirectory = TestDataDirectory.Create();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
    private readonly RecordingAlertNotifier _notifier = new();

    [Fact]
    public async Task Watch_reminder_survives_a_silo_restart_and_its_tick_raises_measurement_missed()
    {
        var patientId = Ward.NewPatientId("reminder-restart");
        var enrolment = Ward.EarlyDischarge(patientId, _clock.GetUtcNow());
        await using (var first = TestSilo.Build(_dataDirectory, _clock, _notifier))
        {
            await first.DeployAsync();
            await first.Client.GetGrain<IPatientGrain>(patientId).Enrol(enrolment);
            await first.StopAllSilosAsync();
        }

        await using var second = TestSilo.Build(_dataDirectory, _clock, _notifier);
        await second.DeployAsync();
        var grain = second.Client.GetGrain<IPatientGrain>(patientId);
        var reminders = second.Silos[0].ServiceProvider.GetRequiredService<IReminderTable>();
        var row = (await reminders.ReadRows(grain.GetGrainId())).Reminders.Should().ContainSingle().Subject;
        row.ReminderName.Should().Be(PatientGrain.WatchReminder);
        row.Period.Should().Be(PatientGrain.WatchPeriod);

        var firstDue = MeasurementSchedule.For(CovidOxygenProtocol.Default, enrolment).DueAfter(enrolment.EnrolledAt.AddTicks(-1)).First();
        _clock.SetUtcNow(MissedMeasurementRule.DecideAt(firstDue, CovidOxygenProtocol.Default.Schedule).AddMinutes(1));
        await ScheduleWatch.TickAsync(second.Client, grain);

        var episode = await grain.GetEpisode();
        episode!.Alerts.Should().ContainSingle(a => a.Reasons.Contains(ReasonCodes.MeasurementMissed));
        _notifier.PushedFor(patientId).Should().Contain(a => a.Reasons.Contains(ReasonCodes.MeasurementMissed));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        TestDataDirectory.Delete(_dataDirectory);
        return Task.CompletedTask;
    }
}
