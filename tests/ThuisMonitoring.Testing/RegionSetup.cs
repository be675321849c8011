using System.Net;
using System.Net.Http.Json;

namespace ThuisMonitoring.Testing;

/// <summary>
/// Creates organisations of the region through the host's API as the admin (<c>POST /api/organisations</c>, and
/// <c>/clients</c> for a centre), so fixtures can hire staff into them. Creating one that exists is harmless.
/// </summary>
public static class RegionSetup
{
    public static async Task OrganisationAsync(HttpClient admin, string id, string kind = "hospital", bool share = false)
    {
        ArgumentNullException.ThrowIfNull(admin);
        using var response = await admin.PostAsJsonAsync("/api/organisations", new { id, name = id, kind, sharePatientsWithinOrganisation = share });
        if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict))
        {
            throw new InvalidOperationException($"POST /api/organisations {id} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>The monitoring centre <paramref name="centre"/> serves <paramref name="client"/> (both created when missing).</summary>
    public static async Task ServesAsync(HttpClient admin, string centre, string client, string clientKind = "hospital")
    {
        ArgumentNullException.ThrowIfNull(admin);
        await OrganisationAsync(admin, centre, "monitoring-centre");
        await OrganisationAsync(admin, client, clientKind);
        using var response = await admin.PostAsJsonAsync($"/api/organisations/{Uri.EscapeDataString(centre)}/clients", new { organisation = client });
        if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict))
        {
            throw new InvalidOperationException($"POST clients of {centre} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
