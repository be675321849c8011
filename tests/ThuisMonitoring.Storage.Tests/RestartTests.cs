using Microsoft.Data.Sqlite;
using Orleans;
using Orleans.Runtime;
using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Episodes;

namespace ThuisMonitoring.Storage.Tests;

/// <summary>Everything written before a shutdown is there after the restart, and reopening leaves the schema as it was.</summary>
public sealed class RestartTests : IDisposable
{
    private readonly TemporaryDataDirectory _data = new();

    [Fact]
    public async Task Users_patients_bindings_measurements_alerts_and_grain_state_survive_a_restart()
    {
        var nurse = Ward.Nurse();
        var patient = Ward.Patient();
        var binding = Ward.Oximeter();
        var readings = Enumerable.Range(0, 25).Select(i => Ward.Reading($"m-{i}", Ward.MorningRound.AddMinutes(i))).ToList();
        var alert = Ward.Alert("a-1", Ward.MorningRound, AlertStatus.Acknowledged);
        var episode = Ward.EpisodeWithAlerts();
        var grain = GrainId.Create("patient", patient.PatientId);
        await using (var stores = await EmbeddedStores.OpenAsync(_data.Path))
        {
            await stores.Users.TryAddAsync(nurse, default);
            await stores.Patients.AddAsync(patient, default);
            await stores.Devices.TryBindAsync(binding, default);
            await Task.WhenAll(readings.Select(r => stores.Measurements.AppendAsync(r, default)));
            await stores.Alerts.UpsertAsync(alert, default);
            await stores.GrainStorage.WriteStateAsync("episode", grain, new GrainState<EpisodeSnapshot?>(episode));
        }

        await using var restarted = await EmbeddedStores.OpenAsync(_data.Path);

        (await restarted.Users.FindAsync(nurse.Username, default)).Should().Be(nurse);
        (await restarted.Users.CountAsync(default)).Should().Be(1);
        (await restarted.Patients.ListAsync(default)).Should().Equal(patient);
        (await restarted.Devices.FindAsync(binding.DeviceId, default)).Should().Be(binding);
        (await restarted.Devices.ListForPatientAsync(patient.PatientId, default)).Should().Equal(binding);
        (await restarted.Measurements.CountAsync(default)).Should().Be(readings.Count);
        (await restarted.Measurements.ListAsync(patient.PatientId, DateTimeOffset.MinValue, DateTimeOffset.MaxValue, 100, default)).Should().Equal(readings);
        (await restarted.Measurements.AppendAsync(readings[0], default)).Should().BeFalse("a message stored before the restart is still a duplicate after it");
        (await restarted.Alerts.ListAsync(AlertStatus.Acknowledged, 10, default)).Should().ContainSingle()
            .Which.Should().BeEquivalentTo(alert, o => o.ComparingRecordsByMembers());
        var state = new GrainState<EpisodeSnapshot?>();
        await restarted.GrainStorage.ReadStateAsync("episode", grain, state);
        state.State.Should().BeEquivalentTo(episode, o => o.ComparingRecordsByMembers().WithStrictOrdering());
    }

    [Fact]
    public async Task Opening_the_same_directory_again_and_again_keeps_the_schema_and_data()
    {
        for (var start = 0; start < 3; start++)
        {
            await using var stores = await EmbeddedStores.OpenAsync(_data.Path);
            (await stores.Users.TryAddAsync(Ward.Nurse($"nurse-{start}"), default)).Should().BeTrue();
            (await stores.Users.CountAsync(default)).Should().Be(start + 1);
        }
    }

    [Fact]
    public async Task A_missing_data_directory_is_created()
    {
        var nested = Path.Combine(_data.Path, "site", "data");

        await using var stores = await EmbeddedStores.OpenAsync(nested);

        File.Exists(Path.Combine(nested, EmbeddedStoreOptions.DirectoryFileName)).Should().BeTrue();
        File.Exists(Path.Combine(nested, EmbeddedStoreOptions.MeasurementsFileName)).Should().BeTrue();
    }

    [Theory]
    [InlineData(EmbeddedStoreOptions.DirectoryFileName)]
    [InlineData(EmbeddedStoreOptions.MeasurementsFileName)]
    [InlineData(EmbeddedStoreOptions.GrainStateFileName)]
    public async Task Every_file_is_in_write_ahead_log_mode(string fileName)
    {
        await using (var stores = await EmbeddedStores.OpenAsync(_data.Path))
        {
            stores.GrainStorage.Should().NotBeNull();
        }

        using var connection = new SqliteConnection($"Data Source={Path.Combine(_data.Path, fileName)};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        command.ExecuteScalar().Should().Be("wal");
    }

    public void Dispose() => _data.Dispose();
}
