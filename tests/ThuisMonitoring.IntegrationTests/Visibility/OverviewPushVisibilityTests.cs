using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Microsoft.AspNetCore.SignalR.Client;
using ThuisMonitoring.IntegrationTests.Audit;
using ThuisMonitoring.IntegrationTests.Support;

namespace ThuisMonitoring.IntegrationTests.Visibility;

/// <summary>
/// Issue 14 item 3: the live overview's push (<c>patientChanged</c>, a row of <c>GET /api/patients</c>) reaches only
/// the consoles whose user may see the patient. The allowed console's push is waited for first; then the outsider's
/// console gets the push of a patient it does see, sent afterwards, which proves its connection was live and, since
/// one connection's messages arrive in order, that a push of the first patient would have arrived by then.
/// </summary>
[Collection(RegionSiteCollection.Name)]
public sealed class OverviewPushVisibilityTests(RegionSite site)
{
    [Fact]
    public async Task A_patients_changed_row_reaches_the_console_that_may_see_the_patient_and_not_the_outsiders()
    {
        var region = await site.RegionAsync();
        var hospitalPatient = await site.AdmitAsync(region.ResponsibleClinician, raiseAlert: false);
        var otherHospitalPatient = await site.AdmitAsync(region.OtherOrganisationClinician, raiseAlert: false);
        await using var allowed = await OverviewConsole.OpenAsync(site, region.ServingNurse);
        await using var outsider = await OverviewConsole.OpenAsync(site, region.OtherCentreNurse);

        await site.RaiseAlertAsync(hospitalPatient);
        await allowed.ChangedAsync(hospitalPatient.PatientId, "the serving centre's nurse to be pushed the hospital patient's row");
        await site.RaiseAlertAsync(otherHospitalPatient);
        await outsider.ChangedAsync(otherHospitalPatient.PatientId, "the other centre's nurse to be pushed the row of a patient it sees");

        outsider.Changed.Should().NotContain(hospitalPatient.PatientId,
            "the other centre's nurse may not see the hospital's patient, so their console gets none of its rows");
        allowed.Changed.Should().Contain(hospitalPatient.PatientId);
    }

    /// <summary>A console on the live overview: the patient ids of the rows pushed to it, in arrival order.</summary>
    private sealed class OverviewConsole : IAsyncDisposable
    {
        private readonly ConcurrentQueue<string> _changed = new();
        private HubConnection? _hub;

        public IReadOnlyCollection<string> Changed => _changed.ToArray();

        public static async Task<OverviewConsole> OpenAsync(RegionSite site, StaffMember user)
        {
            var console = new OverviewConsole();
            var token = await site.Host.GetTokenAsync(user.Username, user.Password);
            console._hub = new HubConnectionBuilder()
                .WithUrl(new Uri(site.Host.BaseAddress, "/hubs/alerts"), options => options.AccessTokenProvider = () => Task.FromResult<string?>(token))
                .Build();
            console._hub.On<JsonElement>("patientChanged", row => console._changed.Enqueue(row.GetProperty("patientId").GetString()!));
            await console._hub.StartAsync();
            // The hub has put the connection in its audience once it recorded the join (it records first).
            await Eventually.GetAsync(
                async () => (await site.Ward.Admin.GetFromJsonAsync<AuditPageView>($"/api/audit?user={user.Username}&pageSize=500"))!.Records,
                r => r.Any(x => x.Resource == "alert-stream"),
                TimeSpan.FromSeconds(30),
                $"{user.Username}'s console to join the stream");
            return console;
        }

        public Task ChangedAsync(string patientId, string because) =>
            Eventually.GetAsync(() => Task.FromResult(_changed.ToArray()), p => p.Contains(patientId), TimeSpan.FromSeconds(60), because);

        public async ValueTask DisposeAsync()
        {
            if (_hub is not null)
            {
                await _hub.DisposeAsync();
            }
        }
    }
}
