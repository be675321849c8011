using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ThuisMonitoring.IntegrationTests.Support;
using ThuisMonitoring.Testing;

namespace ThuisMonitoring.IntegrationTests.Audit;

/// <summary>
/// A real host for the audit tests: staff with organisations (the <c>org</c> claim the audit records), patients with
/// an urgent alert that was escalated, and the trail read back as the admin through <c>GET /api/audit</c>.
/// </summary>
public sealed class AuditSite : HostFixture
{
    public const string CentreOrganisation = "Zorgcentrale Oost";
    public const string PracticeOrganisation = "Huisartsenpraktijk Noord";

    /// <summary>A new user of the role in the organisation, signed in.</summary>
    public async Task<(StaffMember Member, HttpClient Client)> HireAsync(string role, string? organisation)
    {
        if (organisation is CentreOrganisation or PracticeOrganisation)
        {
            // The centre serves the practice, so the centre's nurses see the practice's patients (CONTRACT section 7).
            await RegionSetup.ServesAsync(Ward.Admin, CentreOrganisation, PracticeOrganisation, "general-practice");
        }
        else if (organisation is not null)
        {
            await RegionSetup.OrganisationAsync(Ward.Admin, organisation);
        }

        var username = Ward.Unique(role);
        using var response = await Ward.Admin.PostAsJsonAsync("/api/users",
            new { username, password = Ward.StaffPassword, role, displayName = $"Test {role} {username}", organisation });
        await Ward.ExpectAsync(response, HttpStatusCode.Created);
        var member = new StaffMember(username, Ward.StaffPassword, role);
        return (member, await Ward.SignInAsync(member));
    }

    /// <summary>
    /// A patient of a new clinician of <see cref="PracticeOrganisation"/>, with an oximeter, an urgent alert raised over
    /// MQTT and that alert escalated to the clinician by the admin's call (then unclaimed, so a nurse may take it).
    /// </summary>
    public async Task<AuditedPatient> AdmitWithEscalatedAlertAsync()
    {
        var (clinician, clinicianClient) = await HireAsync("clinician", PracticeOrganisation);
        using var enrolment = await Ward.Admin.PostAsJsonAsync("/api/patients", new
        {
            name = Ward.Unique("Patient"),
            birthDate = "1950-03-01",
            pathway = "early-discharge",
            responsibleClinician = clinician.Username,
            oxygenFlow = 2.0,
            consent = new { scope = "telemonitoring" },
        });
        await Ward.ExpectAsync(enrolment, HttpStatusCode.Created);
        var patientId = (await enrolment.Content.ReadFromJsonAsync<Created>())!.PatientId;
        var device = await Ward.BindDeviceAsync(patientId);
        await Mosquitto.PublishAsync(MosquittoClients.V5, device.DeviceId, device.Secret,
            device.MeasurementsTopic, Measurement.Json(Measurement.NewMessageId(), spo2: 88, oxygenFlow: 2.0));
        var open = await Eventually.GetAsync(
            () => Ward.AlertsOfAsync(patientId, "open"), a => a.Any(x => x.Level == "urgent"), TimeSpan.FromSeconds(20), "an open urgent alert");
        var alertId = open.First(a => a.Level == "urgent").AlertId;
        using var call = await Ward.Admin.PostAsJsonAsync($"/api/alerts/{alertId}/calls", new { outcome = "escalated", note = "Graag beoordelen" });
        await Ward.ExpectAsync(call, HttpStatusCode.OK);
        using var unclaim = await Ward.Admin.PostAsync($"/api/alerts/{alertId}/unclaim", null);
        await Ward.ExpectAsync(unclaim, HttpStatusCode.OK);
        return new AuditedPatient(patientId, alertId, device, clinician, clinicianClient);
    }

    /// <summary>Every audit record of the user, newest first (read as the admin).</summary>
    public async Task<IReadOnlyList<AuditRecordView>> RecordsOfAsync(string username, string? patientId = null)
    {
        var query = $"/api/audit?user={Uri.EscapeDataString(username)}&pageSize=500" + (patientId is null ? "" : $"&patient={patientId}");
        var page = await Ward.Admin.GetFromJsonAsync<AuditPageView>(query);
        page!.HasMore.Should().BeFalse("the test reads all records of a fresh user on one page");
        return page.Records;
    }

    /// <summary>
    /// A token of role <c>patient</c> for the patient, signed with the host's key as the device-token exchange will
    /// issue it (issue 10 builds that exchange; the access log only needs the claims).
    /// </summary>
    public HttpClient PatientClient(string patientId, string deviceId)
    {
        var key = new SymmetricSecurityKey(File.ReadAllBytes(Path.Combine(Host.DataDirectory, "auth-signing.key")));
        var now = DateTime.UtcNow;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "thuismonitoring",
            Audience = "thuismonitoring",
            Subject = new ClaimsIdentity([
                new Claim(JwtRegisteredClaimNames.Sub, deviceId),
                new Claim(ClaimTypes.Role, "patient"),
                new Claim("patient_id", patientId),
            ]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(10),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
        var client = new HttpClient { BaseAddress = Host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private sealed record Created(string PatientId);
}

/// <summary>A patient with an escalated urgent alert, and their responsible clinician signed in.</summary>
public sealed record AuditedPatient(string PatientId, string AlertId, BoundDevice Device, StaffMember Clinician, HttpClient ClinicianClient);

public sealed record AuditRecordView(
    long Id, DateTimeOffset At, string Actor, string Role, string? Organisation, string? PatientId,
    string Resource, string Action, string Channel, string Purpose, string Hash);

public sealed record AuditPageView(IReadOnlyList<AuditRecordView> Records, int Page, int PageSize, bool HasMore);

public sealed record AccessLogEntryView(
    DateTimeOffset At, string Actor, string Role, string? Organisation, string Resource, string Action, string Channel, string Purpose);

public sealed record AccessLogPageView(IReadOnlyList<AccessLogEntryView> Entries, int Page, int PageSize, bool HasMore);

[CollectionDefinition(Name)]
public sealed class AuditSiteCollection : ICollectionFixture<AuditSite>
{
    public const string Name = "audit site";
}
