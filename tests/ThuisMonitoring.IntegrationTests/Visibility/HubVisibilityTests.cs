using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Microsoft.AspNetCore.SignalR.Client;
using ThuisMonitoring.IntegrationTests.Audit;
using ThuisMonitoring.IntegrationTests.Support;

namespace ThuisMonitoring.IntegrationTests.Visibility;

/// <summary>
/// The hub column of the authorization matrix: an alert is pushed (<c>alertChanged</c>) only to the consoles whose
/// user may see the patient. Each console also gets an alert of a patient it does see, raised afterwards: once that
/// one has arrived, an earlier push of the hospital patient's alert would have arrived too (one connection's
/// messages arrive in order), so "not pushed" is decided on an event, not on a wait.
/// </summary>
[Collection(RegionSiteCollection.Name)]
public sealed class HubVisibilityTests(RegionSite site)
{
    [Fact]
    public async Task An_alert_reaches_only_the_consoles_of_those_who_may_see_the_patient()
    {
        var region = await site.RegionAsync();
        var hospitalPatient = await site.AdmitAsync(region.ResponsibleClinician, raiseAlert: false);
        var practicePatient = await site.AdmitAsync(region.GeneralPractitioner, raiseAlert: false);
        var otherHospitalPatient = await site.AdmitAsync(region.OtherOrganisationClinician, raiseAlert: false);
        var colleaguesPatient = await site.AdmitAsync(region.NonSharingColleague, raiseAlert: false);

        // Who connects, and an alert each of them sees (the marker).
        var consoles = new (RegionRole Role, RegionPatient Marker)[]
        {
            (RegionRole.Admin, hospitalPatient),
            (RegionRole.ServingNurse, hospitalPatient),
            (RegionRole.OtherCentreNurse, otherHospitalPatient),
            (RegionRole.ResponsibleClinician, hospitalPatient),
            (RegionRole.SharingColleague, practicePatient),
            (RegionRole.NonSharingColleague, colleaguesPatient),
            (RegionRole.OtherOrganisationClinician, otherHospitalPatient),
        };
        var received = new Dictionary<RegionRole, ConcurrentQueue<string>>();
        var connections = new List<HubConnection>();
        try
        {
            foreach (var (role, _) in consoles)
            {
                var user = region.UserOf(role);
                var token = await site.Host.GetTokenAsync(user?.Username ?? "admin", user?.Password ?? Testing.HostProcess.AdminPassword);
                var pushed = received[role] = new ConcurrentQueue<string>();
                var hub = new HubConnectionBuilder()
                    .WithUrl(new Uri(site.Host.BaseAddress, "/hubs/alerts"), options => options.AccessTokenProvider = () => Task.FromResult<string?>(token))
                    .Build();
                hub.On<JsonElement>("alertChanged", alert => pushed.Enqueue(alert.GetProperty("patientId").GetString()!));
                connections.Add(hub);
                await hub.StartAsync();
                await JoinedAsync(user?.Username ?? "admin");
            }

            await site.RaiseAlertAsync(hospitalPatient);
            await Eventually.GetAsync(() => Task.FromResult(received[RegionRole.Admin].ToArray()), p => p.Contains(hospitalPatient.PatientId),
                TimeSpan.FromSeconds(20), "the admin's console to get the hospital patient's alert");
            foreach (var marker in new[] { practicePatient, otherHospitalPatient, colleaguesPatient })
            {
                await site.RaiseAlertAsync(marker);
            }

            foreach (var (role, marker) in consoles)
            {
                await Eventually.GetAsync(() => Task.FromResult(received[role].ToArray()), p => p.Contains(marker.PatientId),
                    TimeSpan.FromSeconds(20), $"{role}'s console to get the alert of a patient it sees");
            }

            consoles.Where(c => received[c.Role].Contains(hospitalPatient.PatientId)).Select(c => c.Role)
                .Should().BeEquivalentTo([RegionRole.Admin, RegionRole.ServingNurse, RegionRole.ResponsibleClinician],
                    "only the admin, the serving centre's nurse and the responsible clinician may see the hospital's patient");
            received[RegionRole.ServingNurse].Should().Contain(practicePatient.PatientId, "the centre serves the practice too");
            received[RegionRole.OtherCentreNurse].Should().NotContain([practicePatient.PatientId, colleaguesPatient.PatientId]);
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>The hub has put the connection in its audience once it recorded the join (it records first).</summary>
    private Task JoinedAsync(string username) =>
        Eventually.GetAsync(
            async () => (await site.Ward.Admin.GetFromJsonAsync<AuditPageView>($"/api/audit?user={username}&pageSize=500"))!.Records,
            r => r.Any(x => x.Resource == "alert-stream"),
            TimeSpan.FromSeconds(10),
            $"{username}'s console to join the alert stream");
}
