using System.Net;
using System.Net.Http.Json;
using ThuisMonitoring.Testing;

namespace ThuisMonitoring.IntegrationTests.Support;

/// <summary>
/// The staff side of a host, through its HTTP API as the admin: hires staff, admits patients (responsible
/// clinician, enrolment, device binding) and reads patients and alerts back. Every name it makes up is unique,
/// so tests sharing one host never see each other's patients. Staff are hired into the ward's region: nurses into
/// <see cref="Centre"/> (a monitoring centre that serves <see cref="Hospital"/>), clinicians and privacy officers into
/// <see cref="Hospital"/> (which does not share its patients among its clinicians), admins into none.
/// </summary>
public sealed class Ward : IDisposable
{
    public const string StaffPassword = "afdeling-wachtwoord-1";

    private readonly HostProcess _host;
    private readonly HttpClient _admin;

    private Ward(HostProcess host, HttpClient admin, string centre, string hospital)
    {
        _host = host;
        _admin = admin;
        Centre = centre;
        Hospital = hospital;
    }

    public HttpClient Admin => _admin;

    /// <summary>The monitoring centre the ward's nurses belong to; it serves <see cref="Hospital"/>.</summary>
    public string Centre { get; }

    /// <summary>The hospital the ward's clinicians (and so its patients) belong to.</summary>
    public string Hospital { get; }

    public static async Task<Ward> OpenAsync(HostProcess host)
    {
        var admin = await host.LoginAsync();
        var centre = Unique("meldkamer");
        var hospital = Unique("ziekenhuis");
        await RegionSetup.ServesAsync(admin, centre, hospital);
        return new Ward(host, admin, centre, hospital);
    }

    /// <summary>The organisation <see cref="HireAsync"/> puts a new user of the role in.</summary>
    public string? OrganisationOf(string role) => role switch
    {
        "nurse" => Centre,
        "clinician" or "privacy-officer" => Hospital,
        _ => null,
    };

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>Creates a user with the given role (admin, nurse, clinician, patient) in the ward's organisation for it (<see cref="OrganisationOf"/>).</summary>
    public async Task<StaffMember> HireAsync(string role)
    {
        var username = Unique(role);
        using var response = await _admin.PostAsJsonAsync("/api/users",
            new { username, password = StaffPassword, role, displayName = $"Test {role} {username}", organisation = OrganisationOf(role) });
        await ExpectAsync(response, HttpStatusCode.Created);
        return new StaffMember(username, StaffPassword, role);
    }

    /// <summary>Enrols a patient on the early-discharge pathway under a new clinician and binds an oximeter.</summary>
    public async Task<AdmittedPatient> AdmitAsync(double oxygenFlow = 2.0, string deviceKind = "oximeter")
    {
        var clinician = await HireAsync("clinician");
        var name = Unique("Patient");
        using var enrolment = await _admin.PostAsJsonAsync("/api/patients", new
        {
            name,
            birthDate = "1950-03-01",
            pathway = "early-discharge",
            responsibleClinician = clinician.Username,
            oxygenFlow,
            consent = new { scope = "telemonitoring" },
        });
        await ExpectAsync(enrolment, HttpStatusCode.Created);
        var patientId = (await enrolment.Content.ReadFromJsonAsync<PatientCreated>())!.PatientId;
        var device = await BindDeviceAsync(patientId, deviceKind);
        return new AdmittedPatient(patientId, name, clinician, device);
    }

    public async Task<BoundDevice> BindDeviceAsync(string patientId, string kind = "oximeter")
    {
        using var binding = await _admin.PostAsJsonAsync($"/api/patients/{patientId}/devices", new { deviceId = Unique(kind), kind });
        await ExpectAsync(binding, HttpStatusCode.Created);
        return (await binding.Content.ReadFromJsonAsync<BoundDevice>())!;
    }

    public async Task<PatientView> PatientAsync(string patientId) =>
        (await _admin.GetFromJsonAsync<PatientView>($"/api/patients/{patientId}"))!;

    /// <summary>GET /api/alerts (optionally for one status), narrowed to one patient.</summary>
    public async Task<IReadOnlyList<AlertView>> AlertsOfAsync(string patientId, string? status = null)
    {
        var path = status is null ? "/api/alerts" : $"/api/alerts?status={status}";
        var alerts = (await _admin.GetFromJsonAsync<List<AlertView>>(path))!;
        return alerts.Where(a => a.PatientId == patientId).ToList();
    }

    /// <summary>Waits until the patient's last measurement is the one with this messageId.</summary>
    public Task<PatientView> LastMeasurementIsAsync(string patientId, string messageId, TimeSpan? timeout = null) =>
        Eventually.GetAsync(
            () => PatientAsync(patientId),
            p => p.LastMeasurement?.MessageId == messageId,
            timeout,
            $"patient {patientId} to show measurement {messageId} as the last one");

    /// <summary>An HTTP client signed in as the given staff member.</summary>
    public Task<HttpClient> SignInAsync(StaffMember member) => _host.LoginAsync(member.Username, member.Password);

    public void Dispose() => _admin.Dispose();

    internal static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        if (response.StatusCode != status)
        {
            var body = await response.Content.ReadAsStringAsync();
            throw new InvalidOperationException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, expected {(int)status}: {body}");
        }
    }

    private sealed record PatientCreated(string PatientId);
}
