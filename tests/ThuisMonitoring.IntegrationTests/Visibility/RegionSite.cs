using System.Net;
using System.Net.Http.Json;
using ThuisMonitoring.IntegrationTests.Support;
using ThuisMonitoring.Testing;

namespace ThuisMonitoring.IntegrationTests.Visibility;

/// <summary>
/// A real host with a region (CONTRACT section 7) set up once through the API: a monitoring centre serving a hospital
/// and a GP practice that shares its patients, another centre serving another hospital, staff in each, and patients
/// with an open urgent alert. The authorization matrix and the visibility tests read it.
/// </summary>
public sealed class RegionSite : HostFixture
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private TestRegion? _region;

    public async Task<TestRegion> RegionAsync()
    {
        await _gate.WaitAsync();
        try
        {
            return _region ??= await TestRegion.SetUpAsync(this);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A new user of the role in the organisation (null: none).</summary>
    public async Task<StaffMember> HireAsync(string role, string? organisation)
    {
        var username = Ward.Unique(role);
        using var response = await Ward.Admin.PostAsJsonAsync("/api/users",
            new { username, password = Ward.StaffPassword, role, displayName = $"Test {role} {username}", organisation });
        await Ward.ExpectAsync(response, HttpStatusCode.Created);
        return new StaffMember(username, Ward.StaffPassword, role);
    }

    /// <summary>A patient of <paramref name="clinician"/> with an oximeter, and (when <paramref name="raiseAlert"/>) an open urgent alert.</summary>
    public async Task<RegionPatient> AdmitAsync(StaffMember clinician, bool raiseAlert = true)
    {
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
        var patient = new RegionPatient(patientId, device, null);
        return raiseAlert ? await RaiseAlertAsync(patient) : patient;
    }

    /// <summary>Publishes SpO2 88 % over MQTT and waits for the patient's open urgent alert.</summary>
    public async Task<RegionPatient> RaiseAlertAsync(RegionPatient patient)
    {
        await Mosquitto.PublishAsync(MosquittoClients.V5, patient.Device.DeviceId, patient.Device.Secret,
            patient.Device.MeasurementsTopic, Measurement.Json(Measurement.NewMessageId(), spo2: 88, oxygenFlow: 2.0));
        var open = await Eventually.GetAsync(
            () => Ward.AlertsOfAsync(patient.PatientId, "open"), a => a.Any(x => x.Level == "urgent"), TimeSpan.FromSeconds(20), "an open urgent alert");
        return patient with { AlertId = open.First(a => a.Level == "urgent").AlertId };
    }

    private sealed record Created(string PatientId);
}

[CollectionDefinition(Name)]
public sealed class RegionSiteCollection : ICollectionFixture<RegionSite>
{
    public const string Name = "region site";
}

/// <summary>A patient of the region, the oximeter bound to them and their open alert (when raised).</summary>
public sealed record RegionPatient(string PatientId, BoundDevice Device, string? AlertId);
