using System.Net.Http.Json;
using ThuisMonitoring.IntegrationTests.Support;
using ThuisMonitoring.Testing;

namespace ThuisMonitoring.IntegrationTests.Operations;

/// <summary>
/// Issue 11 item 6: the demo region is a monitoring centre serving a hospital and a GP practice, so the demo still
/// works for the nurse (every patient) and the clinicians (their own pathway's patients).
/// </summary>
public sealed class DemoRegionTests
{
    [Fact]
    public async Task The_demo_nurse_sees_every_patient_and_each_clinician_those_of_their_own_organisation()
    {
        await using var host = await HostProcess.StartAsync(settings: new Dictionary<string, string> { ["Demo:Enabled"] = "true" });
        await Eventually.GetAsync(() => Task.FromResult(host.Output), o => o.Contains("Demo running", StringComparison.Ordinal), TimeSpan.FromSeconds(60), "the demo banner");

        using var nurse = await host.LoginAsync("verpleegkundige", "demo-zorg-2021");
        using var gp = await host.LoginAsync("huisarts", "demo-zorg-2021");
        using var pulmonologist = await host.LoginAsync("longarts", "demo-zorg-2021");
        var all = (await nurse.GetFromJsonAsync<List<DemoPatient>>("/api/patients"))!;
        var gps = (await gp.GetFromJsonAsync<List<DemoPatient>>("/api/patients"))!;
        var pulmonologists = (await pulmonologist.GetFromJsonAsync<List<DemoPatient>>("/api/patients"))!;

        all.Should().HaveCount(6);
        gps.Should().NotBeEmpty().And.OnlyContain(p => p.Organisation == "huisartsenpraktijk-de-linde" && p.Pathway == "general-practice");
        pulmonologists.Should().NotBeEmpty().And.OnlyContain(p => p.Organisation == "ziekenhuis-rijnstad");
        (gps.Count + pulmonologists.Count).Should().Be(all.Count);
        var centre = (await nurse.GetFromJsonAsync<List<DemoOrganisation>>("/api/organisations"))!.Single(o => o.Kind == "monitoring-centre");
        centre.Clients.Should().BeEquivalentTo(["huisartsenpraktijk-de-linde", "ziekenhuis-rijnstad"]);
    }

    private sealed record DemoPatient(string PatientId, string Pathway, string? Organisation);

    private sealed record DemoOrganisation(string Id, string Kind, IReadOnlyList<string> Clients);
}
