using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using ThuisMonitoring.IntegrationTests.Calls;
using ThuisMonitoring.IntegrationTests.Support;
using ThuisMonitoring.Testing;

namespace ThuisMonitoring.IntegrationTests.Clinicians;

/// <summary>
/// Issue 11, a handover that fails half-way: the episode (grain) has taken the step but the directory file refuses the
/// write (another writer holds its lock past the host's busy timeout). The host compensates: the step is undone in the
/// episode, nothing moved (responsibility stays with its record), the answer is 503, and the same step succeeds once
/// the file is writable again. Its own host: the test locks that host's directory file.
/// </summary>
public sealed class CareHandoverFailureTests : IAsyncLifetime
{
    private HostProcess? _host;
    private Ward? _ward;

    private HostProcess Host => _host!;

    private Ward Ward => _ward!;

    public async Task InitializeAsync()
    {
        _host = await HostProcess.StartAsync();
        _ward = await Ward.OpenAsync(_host);
    }

    public async Task DisposeAsync()
    {
        _ward?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_acceptance_the_directory_cannot_store_is_taken_back_and_succeeds_when_tried_again()
    {
        var patient = await Ward.AdmitAsync();
        var receiver = await Ward.HireAsync("clinician");
        using var sender = await Ward.SignInAsync(patient.Clinician);
        using var receiving = await SignInWaitingAsync(receiver);
        using var request = await sender.PostAsJsonAsync($"/api/patients/{patient.PatientId}/handover", new { to = receiver.Username, note = "Naar de huisarts" });
        var pending = await CallCentreHost.ReadAsync<HandoverView>(request, HttpStatusCode.Accepted);
        var accept = $"/api/patients/{patient.PatientId}/handover/{pending.HandoverId}/accept";

        HttpResponseMessage failed;
        using (await DirectoryWriteLock.TakeAsync(Host.DataDirectory))
        {
            failed = await receiving.PostAsJsonAsync(accept, new { note = "Neem het over" });
        }

        using (failed)
        {
            failed.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, await failed.Content.ReadAsStringAsync());
            failed.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        }

        var patientView = (await sender.GetFromJsonAsync<PatientView>($"/api/patients/{patient.PatientId}"))!;
        patientView.ResponsibleClinician.Should().Be(patient.Clinician.Username, "the acceptance was taken back: the sender stays responsible");
        (await receiving.GetAsync($"/api/patients/{patient.PatientId}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "the receiver is not responsible yet");
        var stillPending = (await receiving.GetFromJsonAsync<HandoverView>($"/api/patients/{patient.PatientId}/handover/{pending.HandoverId}"))!;
        stillPending.Status.Should().Be("pending");
        (await receiving.GetFromJsonAsync<List<HandoverView>>("/api/care-handovers?status=pending"))!.Should().Contain(h => h.HandoverId == pending.HandoverId);
        var timeline = (await sender.GetFromJsonAsync<List<TimelineEntryView>>($"/api/patients/{patient.PatientId}/timeline"))!;
        timeline.Should().Contain(e => e.Kind == "care-handover-undone" && e.Details["undone"] == "accepted");

        using var accepted = await receiving.PostAsJsonAsync(accept, new { note = "Neem het over" });
        (await CallCentreHost.ReadAsync<HandoverView>(accepted, HttpStatusCode.OK)).Status.Should().Be("accepted");
        (await receiving.GetFromJsonAsync<PatientView>($"/api/patients/{patient.PatientId}"))!.ResponsibleClinician.Should().Be(receiver.Username);
        (await sender.GetAsync($"/api/patients/{patient.PatientId}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "now the former clinician loses access");
    }

    [Fact]
    public async Task A_request_the_register_cannot_store_is_withdrawn_so_a_new_one_can_follow()
    {
        var patient = await Ward.AdmitAsync();
        var receiver = await Ward.HireAsync("clinician");
        using var sender = await SignInWaitingAsync(patient.Clinician);
        using var receiving = await Ward.SignInAsync(receiver);
        // The register opens (and creates its table) on first use: open it before the file is locked, as on a host that ran a while.
        (await receiving.GetAsync("/api/care-handovers")).StatusCode.Should().Be(HttpStatusCode.OK);

        HttpResponseMessage failed;
        using (await DirectoryWriteLock.TakeAsync(Host.DataDirectory))
        {
            failed = await sender.PostAsJsonAsync($"/api/patients/{patient.PatientId}/handover", new { to = receiver.Username });
        }

        using (failed)
        {
            failed.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, await failed.Content.ReadAsStringAsync() + ErrorsOfTheHost());
        }

        (await receiving.GetFromJsonAsync<List<HandoverView>>("/api/care-handovers?status=pending"))!.Should().BeEmpty("the request never reached the register");
        var timeline = (await sender.GetFromJsonAsync<List<TimelineEntryView>>($"/api/patients/{patient.PatientId}/timeline"))!;
        timeline.Should().Contain(e => e.Kind == "care-handover-undone" && e.Details["undone"] == "pending");

        using var again = await sender.PostAsJsonAsync($"/api/patients/{patient.PatientId}/handover", new { to = receiver.Username });
        (await CallCentreHost.ReadAsync<HandoverView>(again, HttpStatusCode.Accepted)).Status.Should().Be("pending", "the withdrawn request does not block a new one");
        (await receiving.GetFromJsonAsync<List<HandoverView>>("/api/care-handovers?status=pending"))!.Should().ContainSingle();
    }

    private string ErrorsOfTheHost() =>
        string.Join('\n', Host.Output.Split('\n').SkipWhile(line => !line.Contains("fail:", StringComparison.Ordinal)).Take(30));

    /// <summary>A client that waits longer than the host's busy timeout on the locked file (30 s), unlike the ward's.</summary>
    private async Task<HttpClient> SignInWaitingAsync(StaffMember member)
    {
        var client = new HttpClient { BaseAddress = Host.BaseAddress, Timeout = TimeSpan.FromMinutes(3) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await Host.GetTokenAsync(member.Username, member.Password));
        return client;
    }

    /// <summary>Another writer on the host's directory file (<c>thuismonitoring.db</c>): its writes fail after the busy timeout until released.</summary>
    private sealed class DirectoryWriteLock : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteTransaction _transaction;

        private DirectoryWriteLock(SqliteConnection connection, SqliteTransaction transaction)
        {
            _connection = connection;
            _transaction = transaction;
        }

        public static async Task<DirectoryWriteLock> TakeAsync(string dataDirectory)
        {
            var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "thuismonitoring.db")};Pooling=False");
            await connection.OpenAsync();
            // deferred: false is BEGIN IMMEDIATE, the write lock; a write in it keeps it for sure.
            var transaction = connection.BeginTransaction(deferred: false);
            using var write = connection.CreateCommand();
            write.Transaction = transaction;
            write.CommandText = "CREATE TABLE IF NOT EXISTS test_write_lock (id INTEGER); INSERT INTO test_write_lock VALUES (1);";
            await write.ExecuteNonQueryAsync();
            return new DirectoryWriteLock(connection, transaction);
        }

        public void Dispose()
        {
            _transaction.Rollback();
            _transaction.Dispose();
            _connection.Dispose();
        }
    }
}
