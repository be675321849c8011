using System.Net;
using System.Net.Http.Json;
using ThuisMonitoring.IntegrationTests.Calls;
using ThuisMonitoring.IntegrationTests.Clinicians;
using ThuisMonitoring.IntegrationTests.PatientApp;
using ThuisMonitoring.IntegrationTests.Support;
using ThuisMonitoring.IntegrationTests.Visibility;
using ThuisMonitoring.Testing;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Cluster;

/// <summary>
/// The directory of a cluster through two real hosts on one PostgreSQL database (<c>Cluster:Provider=PostgreSql</c>):
/// organisations made through one host are the region on the other, a pairing code shown by one host is redeemed once
/// through either, a handover requested through one host is in the receiver's inbox on the other; and no host keeps a
/// directory file of its own.
/// </summary>
[Collection(PostgresClusterCollection.Name)]
public sealed class ClusterDirectoryTests(PostgresClusterServer postgres, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly List<HostProcess> _hosts = [];

    [Fact]
    public async Task Organisations_pairing_codes_and_handovers_made_through_one_host_hold_on_the_other()
    {
        var database = await postgres.Server.CreateDatabaseAsync("directory_" + Guid.NewGuid().ToString("N"));
        var first = await StartAsync(database);
        var second = await StartAsync(database);
        using var ward = await Ward.OpenAsync(first);
        using var admin2 = await second.LoginAsync();

        // The ward's region was made through host 1; host 2 reads it and refuses its ids again.
        var centre = (await admin2.GetFromJsonAsync<OrganisationView>($"/api/organisations/{ward.Centre}"))!;
        centre.Clients.Should().Equal([ward.Hospital], "the centre's client was linked through host 1");
        using (var again = await admin2.PostAsJsonAsync("/api/organisations", new { id = ward.Hospital, name = "Nog eens", kind = "hospital" }))
        {
            again.StatusCode.Should().Be(HttpStatusCode.Conflict, "the id is taken in the cluster");
        }

        // A patient app bound through host 1: its code is redeemed through host 2, once, and not again through host 1.
        var (_, binding) = await AppPairingSteps.EnrolWithAppAsync(ward);
        using (var redeemed = await AppPairingSteps.RedeemAsync(second.BaseAddress, binding.PairingCode!))
        {
            redeemed.StatusCode.Should().Be(HttpStatusCode.OK, await redeemed.Content.ReadAsStringAsync());
            (await redeemed.Content.ReadFromJsonAsync<PairedApp>())!.DeviceId.Should().Be(binding.DeviceId);
        }

        using (var twice = await AppPairingSteps.RedeemAsync(first.BaseAddress, binding.PairingCode!))
        {
            twice.StatusCode.Should().Be(HttpStatusCode.NotFound, "the code was used through host 2");
        }

        // A handover requested through host 1 is decided by the receiver signed in to host 2.
        var patient = await ward.AdmitAsync();
        var receiver = await ward.HireAsync("clinician");
        using var sender = await first.LoginAsync(patient.Clinician.Username, patient.Clinician.Password);
        using var receiving = await second.LoginAsync(receiver.Username, receiver.Password);
        using var request = await sender.PostAsJsonAsync($"/api/patients/{patient.PatientId}/handover", new { to = receiver.Username, note = "Stabiel" });
        var pending = await CallCentreHost.ReadAsync<HandoverView>(request, HttpStatusCode.Accepted);

        var inbox = (await receiving.GetFromJsonAsync<List<HandoverView>>("/api/care-handovers?status=pending"))!;
        inbox.Should().ContainSingle(h => h.HandoverId == pending.HandoverId).Which.Summary.Name.Should().Be(patient.Name);
        using var accepted = await receiving.PostAsJsonAsync($"/api/patients/{patient.PatientId}/handover/{pending.HandoverId}/accept", new { });
        (await CallCentreHost.ReadAsync<HandoverView>(accepted, HttpStatusCode.OK)).Status.Should().Be("accepted");
        (await sender.GetFromJsonAsync<List<HandoverView>>("/api/care-handovers"))!
            .Should().ContainSingle(h => h.HandoverId == pending.HandoverId).Which.Status.Should().Be("accepted", "host 1 reads the decision made through host 2");

        foreach (var host in _hosts)
        {
            File.Exists(Path.Combine(host.DataDirectory, "thuismonitoring.db")).Should().BeFalse("the directory lives in PostgreSQL");
        }
    }

    private async Task<HostProcess> StartAsync(string connectionString)
    {
        var host = await HostProcess.StartAsync(settings: new Dictionary<string, string>
        {
            ["Cluster:Provider"] = "PostgreSql",
            ["Cluster:ConnectionString"] = connectionString,
        });
        _hosts.Add(host);
        return host;
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
