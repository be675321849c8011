using System.Net.Http.Json;
using ThuisMonitoring.IntegrationTests.Durability;
using ThuisMonitoring.IntegrationTests.Support;
using ThuisMonitoring.Testing;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Api;

/// <summary>
/// Issue 14: the first patient list after a restart took 1.3 s at 10,000 patients (every row read and serialised while
/// the nurse waited). The host prepares the rows once it has started, and <c>/health/ready</c> waits for it.
/// </summary>
[Collection(RestartCollection.Name)]
public sealed class PatientListWarmUpTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly HostSequence _hosts = new(output);

    [Fact]
    public async Task A_restarted_host_is_ready_only_once_every_patients_row_is_prepared_and_lists_them_all()
    {
        var first = await StartAsync();
        var admitted = new List<string>();
        using (var ward = await Ward.OpenAsync(first))
        {
            for (var i = 0; i < 3; i++)
            {
                admitted.Add((await ward.AdmitAsync()).PatientId);
            }
        }

        // A graceful stop saves every active patient, and with it the overview's read model of each.
        await first.StopAsync();

        var second = await StartAsync(first.DataDirectory, HostPorts.Free());

        second.Output.Should().Contain("Patient list prepared: 3 rows", "the host answers ready only once the rows are prepared");
        using var again = await Ward.OpenAsync(second);
        (await again.Admin.GetFromJsonAsync<List<PatientView>>("/api/patients?state=all"))!.Select(p => p.PatientId).Should().BeEquivalentTo(admitted);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _hosts.DisposeAsync();

    private Task<HostProcess> StartAsync(string? dataDirectory = null, HostPorts? ports = null) =>
        _hosts.StartAsync(dataDirectory, ports);
}
