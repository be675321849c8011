using System.Net;
using System.Net.Http.Json;
using ThuisMonitoring.Testing;

namespace ThuisMonitoring.BrowserTests;

/// <summary>
/// Sets up a ward through the host's staff API (api.md) as the admin: staff accounts, enrolled patients with a
/// bound oximeter, and reads the alerts back.
/// </summary>
public sealed class Ward : IDisposable
{
    public const string StaffPassword = "meldkamer-wachtwoord-1";
    public const string Clinician = "longarts-jansen";

    /// <summary>The monitoring centre the nurses belong to; it serves <see cref="Hospital"/>.</summary>
    public const string Centre = "meldkamer-oost";

    /// <summary>The hospital of <see cref="Clinician"/>, and so of every patient enrolled here.</summary>
    public const string Hospital = "ziekenhuis-rijnstad";

    private readonly HostProcess _host;
    private readonly HttpClient _admin;
    private int _devices;

    private Ward(HostProcess host, HttpClient admin)
    {
        _host = host;
        _admin = admin;
    }

    /// <summary>Signs in as admin, sets up the region (a centre serving a hospital) and adds the clinician every patient needs as responsible clinician.</summary>
    public static async Task<Ward> OpenAsync(HostProcess host)
    {
        var admin = await host.LoginAsync();
        var ward = new Ward(host, admin);
        await RegionSetup.ServesAsync(admin, Centre, Hospital);
        await ward.AddStaffAsync(Clinician, "clinician", "Dr. S. Jansen, longarts", Hospital);
        return ward;
    }

    public Task<StaffAccount> AddNurseAsync(string username, string displayName) => AddStaffAsync(username, "nurse", displayName, Centre);

    /// <summary>Another clinician (e.g. the GP a patient is handed over to).</summary>
    public Task<StaffAccount> AddClinicianAsync(string username, string displayName) => AddStaffAsync(username, "clinician", displayName, Hospital);

    /// <summary>A privacy officer: reads the audit log, no patient data.</summary>
    public Task<StaffAccount> AddPrivacyOfficerAsync(string username, string displayName) => AddStaffAsync(username, "privacy-officer", displayName, Hospital);

    /// <summary>Enrols a patient on the early-discharge pathway at 2 L/min (with a phone number when given) and binds an oximeter to them.</summary>
    public async Task<EnrolledPatient> EnrolAsync(string name, string? phone = null)
    {
        using var enrolment = await CallAsync(() => _admin.PostAsJsonAsync("/api/patients", new
        {
            name,
            birthDate = "1952-06-14",
            pathway = "early-discharge",
            responsibleClinician = Clinician,
            oxygenFlow = 2.0,
            phone,
            consent = new { scope = "telemonitoring" },
        }));
        await ExpectAsync(enrolment, HttpStatusCode.Created);
        var patientId = (await enrolment.Content.ReadFromJsonAsync<PatientCreated>())!.PatientId;

        var deviceId = $"oximeter-{Interlocked.Increment(ref _devices)}-{Guid.NewGuid():N}"[..32];
        using var binding = await CallAsync(() => _admin.PostAsJsonAsync($"/api/patients/{patientId}/devices", new { deviceId, kind = "oximeter" }));
        await ExpectAsync(binding, HttpStatusCode.Created);
        var device = (await binding.Content.ReadFromJsonAsync<DeviceBound>())!;
        return new EnrolledPatient(patientId, name, device.DeviceId, device.Secret);
    }

    /// <summary>GET /api/alerts, optionally for one status.</summary>
    public async Task<IReadOnlyList<AlertView>> AlertsAsync(string? status = null)
    {
        var path = status is null ? "/api/alerts" : $"/api/alerts?status={status}";
        return (await CallAsync(() => _admin.GetFromJsonAsync<List<AlertView>>(path)))!;
    }

    /// <summary>Waits until the patient has an open alert and returns it.</summary>
    public Task<AlertView> OpenAlertOfAsync(EnrolledPatient patient) => OpenAlertOfAsync(patient, TimeSpan.FromSeconds(15));

    /// <summary>Waits up to <paramref name="within"/> until the patient has an open alert and returns it.</summary>
    public async Task<AlertView> OpenAlertOfAsync(EnrolledPatient patient, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var alert = (await AlertsAsync("open")).FirstOrDefault(a => a.PatientId == patient.PatientId);
            if (alert is not null)
            {
                return alert;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No open alert for {patient.Name} within {within}.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Acknowledges an alert through the API as the given staff member (not through the page).</summary>
    public async Task AcknowledgeAsync(string alertId, StaffAccount by)
    {
        using var client = await CallAsync(() => _host.LoginAsync(by.Username, by.Password));
        using var response = await CallAsync(() => client.PostAsync($"/api/alerts/{alertId}/acknowledge", content: null));
        await ExpectAsync(response, HttpStatusCode.OK);
    }

    public void Dispose() => _admin.Dispose();

    private async Task<StaffAccount> AddStaffAsync(string username, string role, string displayName, string organisation)
    {
        using var response = await CallAsync(() => _admin.PostAsJsonAsync("/api/users", new { username, password = StaffPassword, role, displayName, organisation }));
        await ExpectAsync(response, HttpStatusCode.Created);
        return new StaffAccount(username, StaffPassword, displayName);
    }

    /// <summary>A call that cannot reach the host says whether the host is still running and what it last wrote.</summary>
    private async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (HttpRequestException e)
        {
            var lastLines = string.Join('\n', _host.Output.Split('\n').TakeLast(40));
            throw new InvalidOperationException(
                $"The host at {_host.BaseAddress} could not be reached ({e.Message}); exited: {_host.HasExited}. Its last output:\n{lastLines}", e);
        }
    }

    private static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        if (response.StatusCode != status)
        {
            var body = await response.Content.ReadAsStringAsync();
            throw new InvalidOperationException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, expected {(int)status}: {body}");
        }
    }

    private sealed record PatientCreated(string PatientId);

    private sealed record DeviceBound(string DeviceId, string Secret);
}

/// <summary>A staff member who can sign in to the console.</summary>
public sealed record StaffAccount(string Username, string Password, string DisplayName);

/// <summary>An enrolled patient and the oximeter bound to them (the secret is shown once, at binding).</summary>
public sealed record EnrolledPatient(string PatientId, string Name, string DeviceId, string DeviceSecret);

/// <summary>The parts of AlertDto (api.md) these tests read.</summary>
public sealed record AlertView(
    string AlertId,
    string PatientId,
    string PatientName,
    string Level,
    IReadOnlyList<string> Reasons,
    DateTimeOffset RaisedAt,
    string Status,
    string? AcknowledgedBy,
    DateTimeOffset? AcknowledgedAt);
