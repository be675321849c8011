using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using ThuisMonitoring.IntegrationTests.Audit;
using ThuisMonitoring.IntegrationTests.Support;

namespace ThuisMonitoring.IntegrationTests.Visibility;

/// <summary>
/// Issue 11, the clinician's live inbox: a hospital specialist's handover to a GP reaches the GP's console at once over
/// the hub (<c>careHandoverChanged</c>), the decision reaches the specialist's, and no other console gets either. "Not
/// pushed" is decided on an event: the bystander then gets a handover of its own, and one connection's messages arrive
/// in order.
/// </summary>
[Collection(RegionSiteCollection.Name)]
public sealed class CareHandoverPushTests(RegionSite site)
{
    [Fact]
    public async Task A_handover_is_pushed_live_to_the_receiving_gp_and_its_decision_to_the_sender_only()
    {
        var region = await site.RegionAsync();
        var patient = await site.AdmitAsync(region.ResponsibleClinician, raiseAlert: false);
        var markerPatient = await site.AdmitAsync(region.ResponsibleClinician, raiseAlert: false);
        var consoles = new[] { region.GeneralPractitioner, region.ResponsibleClinician, region.NonSharingColleague, region.ServingNurse };
        var pushed = consoles.ToDictionary(c => c.Username, _ => new ConcurrentQueue<JsonElement>());
        var connections = new List<HubConnection>();
        try
        {
            foreach (var user in consoles)
            {
                var token = await site.Host.GetTokenAsync(user.Username, user.Password);
                var hub = new HubConnectionBuilder()
                    .WithUrl(new Uri(site.Host.BaseAddress, "/hubs/alerts"), options => options.AccessTokenProvider = () => Task.FromResult<string?>(token))
                    .Build();
                var queue = pushed[user.Username];
                hub.On<JsonElement>("careHandoverChanged", handover => queue.Enqueue(handover));
                connections.Add(hub);
                await hub.StartAsync();
                await JoinedAsync(user.Username);
            }

            using var specialist = await site.Ward.SignInAsync(region.ResponsibleClinician);
            using var gp = await site.Ward.SignInAsync(region.GeneralPractitioner);
            using var request = await specialist.PostAsJsonAsync($"/api/patients/{patient.PatientId}/handover", new { to = region.GeneralPractitioner.Username, note = "Stabiel, naar de huisarts" });
            request.StatusCode.Should().Be(HttpStatusCode.Accepted, await request.Content.ReadAsStringAsync());
            var handoverId = (await request.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("handoverId").GetString();

            var atGp = await ArrivesAsync(pushed[region.GeneralPractitioner.Username], h => Id(h) == handoverId, "the GP's console gets the handover live");
            atGp.GetProperty("status").GetString().Should().Be("pending");
            atGp.GetProperty("patientId").GetString().Should().Be(patient.PatientId);
            atGp.GetProperty("summary").GetProperty("patientId").GetString().Should().Be(patient.PatientId, "the GP decides on the summary");

            using (var accept = await gp.PostAsJsonAsync($"/api/patients/{patient.PatientId}/handover/{handoverId}/accept", new { note = "Neem het over" }))
            {
                accept.StatusCode.Should().Be(HttpStatusCode.OK, await accept.Content.ReadAsStringAsync());
            }

            await ArrivesAsync(pushed[region.ResponsibleClinician.Username], h => Id(h) == handoverId && h.GetProperty("status").GetString() == "accepted",
                "the specialist's console hears the GP accepted");

            // The marker: a handover to the colleague. Once it has arrived, an earlier push to that console would have too.
            using var marker = await specialist.PostAsJsonAsync($"/api/patients/{markerPatient.PatientId}/handover", new { to = region.NonSharingColleague.Username });
            marker.StatusCode.Should().Be(HttpStatusCode.Accepted, await marker.Content.ReadAsStringAsync());
            var markerId = (await marker.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("handoverId").GetString();
            await ArrivesAsync(pushed[region.NonSharingColleague.Username], h => Id(h) == markerId, "the colleague's console gets a handover to them");
            await ArrivesAsync(pushed[region.ResponsibleClinician.Username], h => Id(h) == markerId, "the sender's console gets its own request");

            pushed[region.NonSharingColleague.Username].Select(Id).Should().Equal([markerId], "another clinician never gets a handover that is not theirs");
            pushed[region.ServingNurse.Username].Should().BeEmpty("a nurse who sees the patient still gets no clinician's handover");
            pushed[region.GeneralPractitioner.Username].Select(Id).Should().NotContain(markerId);
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private static string? Id(JsonElement handover) => handover.GetProperty("handoverId").GetString();

    private static Task<JsonElement> ArrivesAsync(ConcurrentQueue<JsonElement> queue, Func<JsonElement, bool> match, string what) =>
        Eventually.GetAsync(() => Task.FromResult(queue.FirstOrDefault(match)), h => h.ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(30), what);

    /// <summary>The hub has put the connection in its audience once it recorded the join (it records first).</summary>
    private Task JoinedAsync(string username) =>
        Eventually.GetAsync(
            async () => (await site.Ward.Admin.GetFromJsonAsync<AuditPageView>($"/api/audit?user={username}&pageSize=500"))!.Records,
            r => r.Any(x => x.Resource == "alert-stream"),
            TimeSpan.FromSeconds(10),
            $"{username}'s console to join the alert stream");
}
