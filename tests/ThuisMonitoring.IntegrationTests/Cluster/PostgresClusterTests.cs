using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;
using ThuisMonitoring.IntegrationTests.Support;
using ThuisMonitoring.Testing;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Cluster;

/// <summary>
/// <c>Cluster:Provider=PostgreSql</c> (CONTRACT section 9) against a real PostgreSQL server: the silo's membership,
/// reminders and the patients' episode state live in the database (no grain-state or reminder file in the data
/// directory), survive a SIGKILL, and two hosts join one Orleans cluster and see each other die.
/// </summary>
[Collection(PostgresClusterCollection.Name)]
public sealed class PostgresClusterTests(PostgresClusterServer postgres, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly List<HostProcess> _hosts = [];

    [Fact]
    public async Task The_episode_lives_in_PostgreSQL_and_survives_a_kill_of_the_host()
    {
        var database = await postgres.Server.CreateDatabaseAsync("episode_" + Guid.NewGuid().ToString("N"));
        var first = await StartAsync(database);
        AdmittedPatient patient;
        var messageId = Measurement.NewMessageId();
        using (var ward = await Ward.OpenAsync(first))
        {
            patient = await ward.AdmitAsync();
            var run = await new MosquittoClients(first.MqttPort).PublishAsync(
                MosquittoClients.V5, patient.Device.DeviceId, patient.Device.Secret, patient.Device.MeasurementsTopic,
                Measurement.Json(messageId, spo2: 86, oxygenFlow: 2.0));
            run.PubAckReasonCodes.Should().Equal([0], run.ToString());
            await Eventually.GetAsync(() => ward.AlertsOfAsync(patient.PatientId, "open"), a => a.Count > 0, null, "an open alert");
            await Eventually.GetAsync(() => StoredEpisodesAsync(database, patient.PatientId), n => n > 0, null, "the episode saved in PostgreSQL");
        }

        File.Exists(Path.Combine(first.DataDirectory, "grain-state.db")).Should().BeFalse("episode state is in PostgreSQL");
        File.Exists(Path.Combine(first.DataDirectory, "reminders.db")).Should().BeFalse("reminders are in PostgreSQL");
        (await RemindersOfAsync(database, patient.PatientId)).Should().BePositive("the patient's schedule watch is a durable reminder in PostgreSQL");

        first.Kill();

        // Restarted as an operator would, on the same ports: Orleans sees a newer generation of the same silo and
        // retires the killed one at once (on other ports the new silo would first wait for it to be declared dead).
        var second = await StartAsync(database, first.DataDirectory, first.Ports);
        using var again = await Ward.OpenAsync(second);
        var seen = await again.PatientAsync(patient.PatientId);
        seen.LastMeasurement.Should().NotBeNull();
        seen.LastMeasurement!.MessageId.Should().Be(messageId);
        seen.Level.Should().Be("red");
    }

    [Fact]
    public async Task Two_hosts_form_one_cluster_and_the_survivor_declares_a_killed_host_dead()
    {
        var database = await postgres.Server.CreateDatabaseAsync("members_" + Guid.NewGuid().ToString("N"));
        var first = await StartAsync(database);
        var second = await StartAsync(database);

        var members = await Eventually.GetAsync(() => SilosAsync(database), s => s.Count(x => x.Status == "Active") == 2, TimeSpan.FromSeconds(60), "two active silos");
        members.Select(m => m.Port).Should().BeEquivalentTo([first.Ports.Silo, second.Ports.Silo]);

        second.Kill();

        var after = await Eventually.GetAsync(
            () => SilosAsync(database),
            s => s.Any(x => x.Port == second.Ports.Silo && x.Status == "Dead"),
            TimeSpan.FromSeconds(120),
            "the killed silo declared dead by the survivor");
        after.Should().Contain(x => x.Port == first.Ports.Silo && x.Status == "Active");
        (await first.Http.GetAsync("/health/ready")).IsSuccessStatusCode.Should().BeTrue("the survivor keeps serving");
    }

    [Fact]
    public async Task A_console_on_either_host_sees_the_alert_whichever_silo_raised_it()
    {
        var database = await postgres.Server.CreateDatabaseAsync("alerts_" + Guid.NewGuid().ToString("N"));
        var first = await StartAsync(database);
        var second = await StartAsync(database);
        await Eventually.GetAsync(() => SilosAsync(database), s => s.Count(x => x.Status == "Active") == 2, TimeSpan.FromSeconds(60), "two active silos");
        await using var consoleOnFirst = await ConsoleAsync(first);
        await using var consoleOnSecond = await ConsoleAsync(second);

        // Several patients, so their grains land on both silos: each alert must reach both consoles.
        using var ward = await Ward.OpenAsync(first);
        var patients = new List<AdmittedPatient>();
        for (var i = 0; i < 4; i++)
        {
            var patient = await ward.AdmitAsync();
            patients.Add(patient);
            var run = await new MosquittoClients(first.MqttPort).PublishAsync(
                MosquittoClients.V5, patient.Device.DeviceId, patient.Device.Secret, patient.Device.MeasurementsTopic,
                Measurement.Json(Measurement.NewMessageId(), spo2: 86, oxygenFlow: 2.0));
            run.PubAckReasonCodes.Should().Equal([0], run.ToString());
        }

        foreach (var console in new[] { consoleOnFirst, consoleOnSecond })
        {
            await Eventually.GetAsync(
                () => Task.FromResult(console.PatientIds),
                ids => patients.All(p => ids.Contains(p.PatientId)),
                TimeSpan.FromSeconds(20),
                $"every patient's alert on the console of {console.Host}");
        }
    }

    private static async Task<PushedAlerts> ConsoleAsync(HostProcess host)
    {
        var token = await host.GetTokenAsync();
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(host.BaseAddress, "/hubs/alerts"), options => options.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        var pushed = new PushedAlerts(hub, host.BaseAddress.ToString());
        await hub.StartAsync();
        return pushed;
    }

    /// <summary>A console's SignalR connection and the patients whose alerts it was pushed.</summary>
    private sealed class PushedAlerts : IAsyncDisposable
    {
        private readonly HubConnection _hub;
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _patients = new();

        public PushedAlerts(HubConnection hub, string host)
        {
            _hub = hub;
            Host = host;
            hub.On<System.Text.Json.JsonElement>("alertChanged", alert =>
                _patients[alert.GetProperty("patientId").GetString()!] = true);
        }

        public string Host { get; }

        public IReadOnlyCollection<string> PatientIds => _patients.Keys.ToList();

        public ValueTask DisposeAsync() => _hub.DisposeAsync();
    }

    [Fact]
    public async Task A_patient_enrolled_through_host_1_and_measured_through_host_2_raises_an_alert_seen_through_host_1()
    {
        var database = await postgres.Server.CreateDatabaseAsync("shared_" + Guid.NewGuid().ToString("N"));
        var first = await StartAsync(database);
        var second = await StartAsync(database);
        using var ward = await Ward.OpenAsync(first);
        var patient = await ward.AdmitAsync();
        var messageId = Measurement.NewMessageId();

        var run = await new MosquittoClients(second.MqttPort).PublishAsync(
            MosquittoClients.V5, patient.Device.DeviceId, patient.Device.Secret, patient.Device.MeasurementsTopic,
            Measurement.Json(messageId, spo2: 86, oxygenFlow: 2.0));

        run.PubAckReasonCodes.Should().Equal([0], "host 2 knows the device bound through host 1: " + run);
        var alerts = await Eventually.GetAsync(() => ward.AlertsOfAsync(patient.PatientId, "open"), a => a.Count > 0, null, "an open alert through host 1");
        alerts.Should().ContainSingle();
        var again = await new MosquittoClients(first.MqttPort).PublishAsync(
            MosquittoClients.V5, patient.Device.DeviceId, patient.Device.Secret, patient.Device.MeasurementsTopic,
            Measurement.Json(messageId, spo2: 86, oxygenFlow: 2.0));
        again.PubAckReasonCodes.Should().Equal([0], "the same message through host 1 is a duplicate, acknowledged: " + again);
        (await CountAsync(database, "SELECT count(*) FROM measurements WHERE patient_id = @patient", patient.PatientId)).Should().Be(1, "stored once across the hosts");
        foreach (var file in (string[])["thuismonitoring.db", "measurements.db", "audit.db", "privacy.db"])
        {
            File.Exists(Path.Combine(first.DataDirectory, file)).Should().BeFalse($"{file}: every store is in PostgreSQL");
            File.Exists(Path.Combine(second.DataDirectory, file)).Should().BeFalse($"{file}: every store is in PostgreSQL");
        }
    }

    private async Task<HostProcess> StartAsync(string connectionString, string? dataDirectory = null, HostPorts? ports = null)
    {
        var host = await HostProcess.StartAsync(dataDirectory, ports, settings: new Dictionary<string, string>
        {
            ["Cluster:Provider"] = "PostgreSql",
            ["Cluster:ConnectionString"] = connectionString,
        });
        _hosts.Add(host);
        return host;
    }

    private static async Task<long> StoredEpisodesAsync(string connectionString, string patientId) =>
        await CountAsync(connectionString, "SELECT count(*) FROM grain_state WHERE grain_id LIKE '%' || @patient AND payload IS NOT NULL", patientId);

    private static async Task<long> RemindersOfAsync(string connectionString, string patientId) =>
        await CountAsync(connectionString, "SELECT count(*) FROM reminders WHERE grain_id LIKE '%' || @patient", patientId);

    private static async Task<long> CountAsync(string connectionString, string sql, string patientId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("patient", patientId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<IReadOnlyList<(int Port, string Status)>> SilosAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT silo_address, status FROM membership", connection);
        var silos = new List<(int, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var address = Orleans.Runtime.SiloAddress.FromParsableString(reader.GetString(0));
            silos.Add((address.Endpoint.Port, ((Orleans.Runtime.SiloStatus)reader.GetInt32(1)).ToString()));
        }

        return silos;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            if (!host.HasExited)
            {
                output.WriteLine(host.Output.Length > 4000 ? host.Output[^4000..] : host.Output);
            }

            await host.DisposeAsync();
        }
    }
}

/// <summary>One PostgreSQL server for the cluster tests; each test makes its own database.</summary>
public sealed class PostgresClusterServer : IAsyncLifetime
{
    private PostgresServer? _server;

    public PostgresServer Server => _server ?? throw new InvalidOperationException("PostgreSQL is not started.");

    public async Task InitializeAsync() => _server = await PostgresServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresClusterCollection : ICollectionFixture<PostgresClusterServer>
{
    public const string Name = "postgres cluster";
}
