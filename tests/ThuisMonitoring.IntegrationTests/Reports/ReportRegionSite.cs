using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using ThuisMonitoring.IntegrationTests.Support;
using ThuisMonitoring.Testing;

namespace ThuisMonitoring.IntegrationTests.Reports;

/// <summary>
/// A real host on the test clock (tokens that outlive the walk) with a region walked through 14 days once, through the
/// API and MQTT: the ward's centre serves its hospital and a GP practice; another centre serves another hospital.
/// The region sets its own bed-day factor for the emergency department (1.5). Patients are enrolled on all three pathways, alerts raised by oximeters, called by nurses after some minutes,
/// episodes ended and readmitted (one after its end). <see cref="Walk"/> says when it began and ended.
/// </summary>
public sealed class ReportRegionSite() : HostFixture(new Dictionary<string, string>
{
    ["Testing:AdjustableClock"] = "true",
    ["Auth:AccessTokenMinutes"] = "100000",
    // The region's own factor for the emergency department (the default is 0): configured factors reach the report.
    ["Reports:BedDaysSaved:emergency-department"] = "1.5",
})
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private WalkedRegion? _walk;

    public async Task<WalkedRegion> WalkAsync()
    {
        await _gate.WaitAsync();
        try
        {
            return _walk ??= await WalkFourteenDaysAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Moves the host's clock; returns the host's time after the move.</summary>
    public async Task<DateTimeOffset> AdvanceAsync(double minutes)
    {
        using var response = await Ward.Admin.PostAsJsonAsync("/api/testing/clock", new { advanceMinutes = minutes });
        await Ward.ExpectAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<ClockView>())!.Now;
    }

    private async Task<WalkedRegion> WalkFourteenDaysAsync()
    {
        var admin = Ward.Admin;
        var practice = Ward.Unique("huisartsen");
        var otherCentre = Ward.Unique("andere-meldkamer");
        var otherHospital = Ward.Unique("elders");
        await RegionSetup.OrganisationAsync(admin, practice, "general-practice", share: true);
        await RegionSetup.ServesAsync(admin, Ward.Centre, practice, "general-practice");
        await RegionSetup.ServesAsync(admin, otherCentre, otherHospital);

        var nurse = await HireAsync("nurse", Ward.Centre);
        var otherNurse = await HireAsync("nurse", otherCentre);
        var specialist = await HireAsync("clinician", Ward.Hospital);
        var gp = await HireAsync("clinician", practice);
        var otherSpecialist = await HireAsync("clinician", otherHospital);
        using var nurseClient = await Ward.SignInAsync(nurse);
        using var otherNurseClient = await Ward.SignInAsync(otherNurse);

        var start = await AdvanceAsync(0);
        // Day 0: two hospital patients, one of the practice, one elsewhere; two alerts, one called after 4 minutes.
        var h1 = await EnrolAsync(specialist, "early-discharge");
        var h2 = await EnrolAsync(specialist, "emergency-department");
        var p1 = await EnrolAsync(gp, "general-practice");
        var o1 = await EnrolAsync(otherSpecialist, "early-discharge");
        var h1Alert = await RaiseAsync(h1);
        var o1Alert = await RaiseAsync(o1);
        await AdvanceAsync(4);
        await CallAsync(nurseClient, h1Alert, "resolved-at-home");
        await AdvanceAsync(3);
        await CallAsync(otherNurseClient, o1Alert, "resolved-at-home");

        // Day 1: two more; alerts for the ED and the practice patient, the first call unreachable, a second later.
        await AdvanceAsync(24 * 60);
        var h3 = await EnrolAsync(specialist, "early-discharge");
        var p2 = await EnrolAsync(gp, "general-practice");
        var h2Alert = await RaiseAsync(h2);
        var p1Alert = await RaiseAsync(p1);
        await AdvanceAsync(12);
        await CallAsync(nurseClient, p1Alert, "unreachable");
        await AdvanceAsync(5);
        await CallAsync(nurseClient, h2Alert, "resolved-at-home");
        await AdvanceAsync(20);
        await CallAsync(nurseClient, p1Alert, "resolved-at-home");

        // Day 2: H1 ends; H3 alerts and is called after 20 minutes.
        await AdvanceAsync(24 * 60);
        await TransitionAsync(h1, "ended");
        var h3Alert = await RaiseAsync(h3);
        await AdvanceAsync(20);
        await CallAsync(nurseClient, h3Alert, "resolved-at-home");

        // Day 3: H2 is readmitted from monitoring; H4 enrolled.
        await AdvanceAsync(24 * 60);
        await TransitionAsync(h2, "readmitted");
        var h4 = await EnrolAsync(specialist, "early-discharge");

        // Day 5: P1 and O1 end.
        await AdvanceAsync(2 * 24 * 60);
        await TransitionAsync(p1, "ended");
        await TransitionAsync(o1, "ended");

        // Day 6: P3 enrolled, alerts, called after 3 minutes.
        await AdvanceAsync(24 * 60);
        var p3 = await EnrolAsync(gp, "general-practice");
        var p3Alert = await RaiseAsync(p3);
        await AdvanceAsync(3);
        await CallAsync(nurseClient, p3Alert, "resolved-at-home");

        // Day 8: H1, ended on day 2, is readmitted.
        await AdvanceAsync(2 * 24 * 60);
        await TransitionAsync(h1, "readmitted");

        // Day 9: H3 ends; H4 alerts, called after 30 minutes.
        await AdvanceAsync(24 * 60);
        await TransitionAsync(h3, "ended");
        var h4Alert = await RaiseAsync(h4);
        await AdvanceAsync(30);
        await CallAsync(nurseClient, h4Alert, "resolved-at-home");

        // Day 11: P2 ends, H4 is readmitted.
        await AdvanceAsync(2 * 24 * 60);
        await TransitionAsync(p2, "ended");
        await TransitionAsync(h4, "readmitted");

        // Day 13: H5 (emergency department) enrolled and alerts; nobody has called yet.
        await AdvanceAsync(2 * 24 * 60);
        var h5 = await EnrolAsync(specialist, "emergency-department");
        await RaiseAsync(h5);
        var end = await AdvanceAsync(1);

        return new WalkedRegion(start, end, practice, otherCentre, otherHospital, nurse, otherNurse, specialist, gp,
            [h1.PatientId, h2.PatientId, h3.PatientId, h4.PatientId, h5.PatientId], [p1.PatientId, p2.PatientId, p3.PatientId], [o1.PatientId]);
    }

    private async Task<StaffMember> HireAsync(string role, string organisation)
    {
        var username = Ward.Unique(role);
        using var response = await Ward.Admin.PostAsJsonAsync("/api/users",
            new { username, password = Ward.StaffPassword, role, displayName = $"Test {role} {username}", organisation });
        await Ward.ExpectAsync(response, HttpStatusCode.Created);
        return new StaffMember(username, Ward.StaffPassword, role);
    }

    private async Task<WalkedPatient> EnrolAsync(StaffMember clinician, string pathway)
    {
        using var enrolment = await Ward.Admin.PostAsJsonAsync("/api/patients", new
        {
            name = Ward.Unique("Patient"),
            birthDate = "1950-03-01",
            pathway,
            responsibleClinician = clinician.Username,
            oxygenFlow = 2.0,
            consent = new { scope = "telemonitoring" },
        });
        await Ward.ExpectAsync(enrolment, HttpStatusCode.Created);
        var patientId = (await enrolment.Content.ReadFromJsonAsync<Created>())!.PatientId;
        return new WalkedPatient(patientId, await Ward.BindDeviceAsync(patientId));
    }

    /// <summary>The oximeter sends SpO2 88 % (measured on the host's clock); waits for the alert it raises.</summary>
    private async Task<string> RaiseAsync(WalkedPatient patient)
    {
        var now = await AdvanceAsync(0);
        await Mosquitto.PublishAsync(MosquittoClients.V5, patient.Device.DeviceId, patient.Device.Secret, patient.Device.MeasurementsTopic,
            Measurement.Json(Measurement.NewMessageId(), spo2: 88, oxygenFlow: 2.0, measuredAt: now.AddMinutes(-10)));
        var open = await Eventually.GetAsync(
            () => Ward.AlertsOfAsync(patient.PatientId, "open"),
            alerts => alerts.Any(a => a.Reasons.Any(r => r.StartsWith("spo2", StringComparison.Ordinal))),
            TimeSpan.FromSeconds(30),
            "an open SpO2 alert of " + patient.PatientId);
        return open.First(a => a.Reasons.Any(r => r.StartsWith("spo2", StringComparison.Ordinal))).AlertId;
    }

    private static async Task CallAsync(HttpClient nurse, string alertId, string outcome)
    {
        using var response = await nurse.PostAsJsonAsync($"/api/alerts/{alertId}/calls", new { outcome });
        await Ward.ExpectAsync(response, HttpStatusCode.OK);
    }

    private async Task TransitionAsync(WalkedPatient patient, string state)
    {
        using var response = await Ward.Admin.PostAsJsonAsync($"/api/patients/{patient.PatientId}/state",
            new { state, reason = string.Create(CultureInfo.InvariantCulture, $"regio-rapportage: {state}") });
        await Ward.ExpectAsync(response, HttpStatusCode.OK);
    }

    private sealed record Created(string PatientId);

    private sealed record ClockView(DateTimeOffset Now);

    private sealed record WalkedPatient(string PatientId, BoundDevice Device);
}

/// <summary>The walked region: when the walk began and ended on the host's clock, its organisations, staff and patients.</summary>
public sealed record WalkedRegion(
    DateTimeOffset Start,
    DateTimeOffset End,
    string Practice,
    string OtherCentre,
    string OtherHospital,
    StaffMember Nurse,
    StaffMember OtherNurse,
    StaffMember Specialist,
    StaffMember GeneralPractitioner,
    IReadOnlyList<string> HospitalPatients,
    IReadOnlyList<string> PracticePatients,
    IReadOnlyList<string> OtherHospitalPatients);

[CollectionDefinition(Name)]
public sealed class ReportRegionCollection : ICollectionFixture<ReportRegionSite>
{
    public const string Name = "regional report region";
}
