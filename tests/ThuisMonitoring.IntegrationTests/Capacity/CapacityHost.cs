using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using ThuisMonitoring.IntegrationTests.Support;
using ThuisMonitoring.Testing;

namespace ThuisMonitoring.IntegrationTests.Capacity;

/// <summary>
/// A real host with the adjustable test clock for the capacity tests (issue 16). Each test sets up its own centre
/// (<see cref="CentreAsync"/>), so the boards of tests do not see each other's patients or nurses.
/// </summary>
public sealed class CapacityHost() : HostFixture(new Dictionary<string, string> { ["Testing:AdjustableClock"] = "true" })
{
    /// <summary>A new monitoring centre serving a new hospital, with a clinician of the hospital.</summary>
    public async Task<TestCentre> CentreAsync()
    {
        var centre = Ward.Unique("centrale");
        var hospital = Ward.Unique("ziekenhuis");
        await RegionSetup.ServesAsync(Ward.Admin, centre, hospital);
        return new TestCentre(this, centre, hospital, await HireAsync("clinician", hospital));
    }

    public async Task<StaffMember> HireAsync(string role, string? organisation)
    {
        var username = Ward.Unique(role);
        using var response = await Ward.Admin.PostAsJsonAsync("/api/users",
            new { username, password = Ward.StaffPassword, role, displayName = $"Test {role} {username}", organisation });
        await Ward.ExpectAsync(response, HttpStatusCode.Created);
        return new StaffMember(username, Ward.StaffPassword, role);
    }

    /// <summary>A console connection of <paramref name="member"/> to the alert hub, started.</summary>
    public async Task<HubConnection> ConnectConsoleAsync(StaffMember member)
    {
        var token = await Host.GetTokenAsync(member.Username, member.Password);
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(Host.BaseAddress, "/hubs/alerts"), options => options.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        hub.On<JsonElement>("alertChanged", _ => { });
        await hub.StartAsync();
        return hub;
    }

    public async Task AdvanceClockAsync(double minutes)
    {
        using var response = await Ward.Admin.PostAsJsonAsync("/api/testing/clock", new { advanceMinutes = minutes });
        await Ward.ExpectAsync(response, HttpStatusCode.OK);
    }
}

[CollectionDefinition(Name)]
public sealed class CapacityHostCollection : ICollectionFixture<CapacityHost>
{
    public const string Name = "capacity host";
}

/// <summary>One test's centre: <see cref="Centre"/> serves <see cref="Hospital"/>, whose <see cref="Clinician"/> is responsible for the patients enrolled here.</summary>
public sealed record TestCentre(CapacityHost Site, string Centre, string Hospital, StaffMember Clinician)
{
    /// <summary>Enrols a patient of the hospital (optionally with a concentrator and a meter recorded) and binds an oximeter.</summary>
    public async Task<AdmittedPatient> EnrolAsync(bool withEquipment = false, string? address = null)
    {
        var name = Ward.Unique("Patient");
        using var enrolment = await Site.Ward.Admin.PostAsJsonAsync("/api/patients", new
        {
            name,
            birthDate = "1950-03-01",
            pathway = "early-discharge",
            responsibleClinician = Clinician.Username,
            oxygenFlow = 2.0,
            consent = new { scope = "telemonitoring" },
            address,
            concentratorSerial = withEquipment ? Ward.Unique("CON") : null,
            meterSerial = withEquipment ? Ward.Unique("SAT") : null,
        });
        await Ward.ExpectAsync(enrolment, HttpStatusCode.Created);
        var patientId = (await enrolment.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("patientId").GetString()!;
        return new AdmittedPatient(patientId, name, Clinician, await Site.Ward.BindDeviceAsync(patientId));
    }

    /// <summary>Publishes SpO2 88 % and waits for the patient's open urgent alert; returns its id.</summary>
    public async Task<string> RaiseUrgentAlertAsync(AdmittedPatient patient)
    {
        await Site.Mosquitto.PublishAsync(MosquittoClients.V5, patient.Device.DeviceId, patient.Device.Secret,
            patient.Device.MeasurementsTopic, Measurement.Json(Measurement.NewMessageId(), spo2: 88, oxygenFlow: 2.0));
        var open = await Eventually.GetAsync(
            () => Site.Ward.AlertsOfAsync(patient.PatientId, "open"), a => a.Any(x => x.Level == "urgent"), TimeSpan.FromSeconds(30), "an open urgent alert");
        return open.First(a => a.Level == "urgent").AlertId;
    }

    public async Task<CapacityView> BoardAsync(HttpClient? caller = null)
    {
        var path = "/api/capacity?centre=" + Uri.EscapeDataString(Centre);
        return (await (caller ?? Site.Ward.Admin).GetFromJsonAsync<CapacityView>(path))!;
    }

    /// <summary>Waits (30 s at most) until the board shows what <paramref name="holds"/> asks.</summary>
    public Task<CapacityView> BoardShowsAsync(Func<CapacityView, bool> holds, string what) =>
        Eventually.GetAsync(() => BoardAsync(), holds, TimeSpan.FromSeconds(30), what);
}

public sealed record CapacityView(
    string Centre,
    DateTimeOffset At,
    int PatientsInMonitoring,
    int NursesOnShift,
    double? PatientsPerNurse,
    OpenAlertsView OpenAlerts,
    int? OldestUnclaimedMinutes,
    int UrgentOverdue,
    string Level,
    EquipmentView Equipment);

public sealed record OpenAlertsView(int Urgent, int Warning);

public sealed record EquipmentView(EquipmentCountView Concentrators, EquipmentCountView Meters);

public sealed record EquipmentCountView(int InStock, int HandedOut);
