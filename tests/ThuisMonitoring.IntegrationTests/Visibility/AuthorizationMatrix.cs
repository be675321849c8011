using static ThuisMonitoring.IntegrationTests.Visibility.EndpointRule;

namespace ThuisMonitoring.IntegrationTests.Visibility;

/// <summary>
/// The rule table of the authorization matrix: one row per endpoint (method and route pattern as the host's
/// catalogue lists them), saying what each role gets. An endpoint the host maps without a row here fails the matrix,
/// and so does a row for an endpoint the host no longer maps. Route values: the role's subject patient and its
/// alert, the hospital as organisation, "x" for anything else (an advice, a user, an erasure).
/// </summary>
public static class AuthorizationMatrix
{
    private static readonly string TooLongReason = new('x', 600);

    public static IReadOnlyDictionary<string, EndpointRule> Rules { get; } = new Dictionary<string, EndpointRule>(StringComparer.Ordinal)
    {
        // Alerts: the list shows only visible patients; every step on an alert is the patient's data.
        ["GET /api/alerts"] = ListForStaff(),
        ["POST /api/alerts/{alertId}/acknowledge"] = PatientData(),
        ["POST /api/alerts/{alertId}/calls"] = PatientData().Sending(_ => new { outcome = "unreachable" }),
        ["POST /api/alerts/{alertId}/claim"] = PatientData(),
        ["POST /api/alerts/{alertId}/escalation/accept"] = PatientData(),
        ["POST /api/alerts/{alertId}/handover"] = PatientData().Sending(r => new { to = r.ServingNurse.Username }),
        ["POST /api/alerts/{alertId}/resolve"] = PatientData().Sending(_ => new { outcome = "matrix" }),
        ["GET /api/alerts/{alertId}/script"] = PatientData(),
        ["POST /api/alerts/{alertId}/unclaim"] = PatientData(),
        ["GET /api/escalations"] = ForStaff(),

        // Audit and erasure: admins and privacy officers.
        ["GET /api/audit"] = ForAuditReaders(),
        ["GET /api/audit/verify"] = For(RegionRole.Admin),
        ["GET /api/erasures"] = ForAuditReaders(),
        ["GET /api/erasures/{erasureId}"] = ForAuditReaders(),
        ["POST /api/erasures/{erasureId}/approve"] = ForAuditReaders(),
        ["POST /api/erasures/{erasureId}/reject"] = ForAuditReaders(),
        ["POST /api/patients/{patientId}/erasure"] = Review().Sending(_ => new { reason = "matrix: verzoek van de patiënt" }),

        // The caller's own account (users with a password: a patient app's token gets 403); the patient's own access log.
        ["GET /api/me/access-log"] = For(RegionRole.Patient),
        ["GET /api/me"] = For(RegionRole.Patient),
        ["GET /api/me/vitals"] = For(RegionRole.Patient).WithQuery("sign=spo2"),
        ["POST /api/me/call-request"] = For(RegionRole.Patient).Sending(_ => new { note = "matrix" }),
        ["POST /api/me/password"] = ForAccounts(),
        ["POST /api/me/totp"] = ForAccounts(),
        ["POST /api/me/totp/confirm"] = ForAccounts(),

        // Organisations: created and linked by admins; read by those of the region they concern.
        ["GET /api/organisations"] = ForStaff(),
        ["POST /api/organisations"] = For(RegionRole.Admin),
        ["GET /api/organisations/{organisation}"] = OfTheHospital(),
        ["GET /api/organisations/{organisation}/clients"] = OfTheHospital(),
        ["POST /api/organisations/{organisation}/clients"] = For(RegionRole.Admin),
        ["DELETE /api/organisations/{organisation}/clients/{client}"] = For(RegionRole.Admin),
        ["GET /api/organisations/{organisation}/protocol"] = OfTheHospital(),
        ["PUT /api/organisations/{organisation}/protocol"] = For(RegionRole.Admin).Sending(_ => Array.Empty<int>()),

        // Patients.
        ["GET /api/patients"] = ListForStaff(),
        ["POST /api/patients"] = ForStaff(),
        ["GET /api/patients/{patientId}"] = PatientData(),
        ["POST /api/patients/{patientId}/advice/{adviceId}/accept"] = Decision(),
        ["POST /api/patients/{patientId}/advice/{adviceId}/reject"] = Decision(),
        ["GET /api/patients/{patientId}/consent"] = PatientData(),
        ["POST /api/patients/{patientId}/consent/withdraw"] = PatientData().Sending(_ => new { reason = TooLongReason }),
        ["POST /api/patients/{patientId}/devices"] = PatientData(),
        ["POST /api/patients/{patientId}/notes"] = PatientData(),
        ["POST /api/patients/{patientId}/oxygen"] = Decision(),
        ["GET /api/patients/{patientId}/protocol"] = PatientData(),
        ["PUT /api/patients/{patientId}/protocol"] = Decision().Sending(_ => Array.Empty<int>()),
        ["POST /api/patients/{patientId}/state"] = Decision(),
        ["GET /api/patients/{patientId}/timeline"] = PatientData(),
        ["GET /api/patients/{patientId}/vitals"] = PatientData().WithQuery("sign=spo2"),

        // Clinicians: thresholds (a patient layer with a reason), the discharge summary, eligibility before enrolment.
        ["GET /api/patients/{patientId}/thresholds"] = PatientData(),
        ["PUT /api/patients/{patientId}/thresholds"] = Decision().Sending(_ => new { reason = "matrix" }),
        ["GET /api/patients/{patientId}/discharge-summary"] = PatientData(),
        ["POST /api/eligibility"] = ForStaff(),

        // Warm handover of responsibility: only the responsible clinician hands over (others who see the patient 403);
        // a handover ("x") that does not exist is hidden from every staff member alike (the receiver's own are tested in CareHandoverTests).
        ["POST /api/patients/{patientId}/handover"] = ResponsibleClinicianOnly().Sending(_ => new { to = string.Empty }),
        ["GET /api/patients/{patientId}/handover/{handoverId}"] = HiddenFromStaff(),
        ["POST /api/patients/{patientId}/handover/{handoverId}/accept"] = HiddenFromStaff(),
        ["POST /api/patients/{patientId}/handover/{handoverId}/decline"] = HiddenFromStaff(),
        ["GET /api/care-handovers"] = ForStaff(),

        // Replay of a protocol over the trace library: admins and clinicians (recorded data: see ReplayApiTests).
        ["POST /api/replay"] = For(RegionRole.Admin, RegionRole.ResponsibleClinician, RegionRole.SharingColleague, RegionRole.NonSharingColleague, RegionRole.OtherOrganisationClinician)
            .Sending(_ => new { traces = new[] { "battery" } }),

        // FHIR (/fhir, docs/fhir.md): staff only; {id} is the subject patient's id, so the Patient reads are the
        // patient's data and the other resources by that id do not exist (hidden alike). Searches without their
        // required parameters are 400 (reached). Visibility of real resources: tests/ThuisMonitoring.Fhir.Tests.
        ["POST /fhir"] = ForStaff(),
        ["GET /fhir/Patient"] = ForStaff(),
        ["GET /fhir/Patient/{id}"] = PatientData(),
        ["GET /fhir/Patient/{id}/$everything"] = PatientData(),
        ["GET /fhir/Observation"] = ForStaff(),
        ["GET /fhir/Observation/{id}"] = HiddenFromStaff(),
        ["GET /fhir/Flag"] = ForStaff(),
        ["GET /fhir/Flag/{id}"] = HiddenFromStaff(),
        ["GET /fhir/Communication"] = ForStaff(),
        ["GET /fhir/Communication/{id}"] = HiddenFromStaff(),
        ["GET /fhir/Device"] = ForStaff(),
        ["GET /fhir/Device/{id}"] = HiddenFromStaff(),
        ["GET /fhir/EpisodeOfCare"] = ForStaff(),
        ["GET /fhir/EpisodeOfCare/{id}"] = PatientData(),
        ["GET /fhir/Practitioner/{id}"] = ForStaff(),
        ["GET /fhir/Organization/{id}"] = ForStaff(),
        ["POST /fhir/Subscription"] = ForStaff(),
        ["GET /fhir/Subscription/{id}"] = ForStaff(),
        ["DELETE /fhir/Subscription/{id}"] = ForStaff(),

        // The regional report (CONTRACT section 10): staff, each counting only the patients they may see (ReportRegionSite tests).
        ["GET /api/reports/region"] = ForStaff(),

        // Protocols.
        ["GET /api/protocols/changes"] = For(RegionRole.Admin),
        ["GET /api/protocols/default"] = ForStaff(),

        // Users: staff read colleagues (filtered, see the visibility tests); admins manage accounts.
        ["GET /api/users"] = ForStaff(),
        ["POST /api/users"] = For(RegionRole.Admin),
        ["POST /api/users/{username}/disable"] = For(RegionRole.Admin),
        ["POST /api/users/{username}/enable"] = For(RegionRole.Admin),
        ["POST /api/users/{username}/password"] = For(RegionRole.Admin),
        ["DELETE /api/users/{username}/totp"] = For(RegionRole.Admin),

        // Capacity (issue 16, docs/capacity.md): a centre's board for its nurses and admins (an admin without an
        // organisation names the centre: 400); teams kept by their coordinators, read by staff and coordinators; intake
        // requests sent by staff who see the patient and answered only by the team's coordinator (a request "x" is hidden).
        ["GET /api/capacity"] = For(RegionRole.Admin, RegionRole.ServingNurse, RegionRole.OtherCentreNurse),
        ["GET /api/capacity/prognosis"] = For(RegionRole.Admin, RegionRole.ServingNurse, RegionRole.OtherCentreNurse),
        ["PUT /api/capacity/thresholds"] = For(RegionRole.Admin),
        ["PUT /api/capacity/equipment"] = For(RegionRole.Admin),
        ["GET /api/capacity/teams"] = ForStaffAndTeams(),
        ["PUT /api/capacity/teams/{teamId}"] = For(RegionRole.Admin).Sending(r => new { organisation = r.Hospital }),
        ["POST /api/patients/{patientId}/intake"] = PatientData(),
        ["GET /api/patients/{patientId}/intake"] = PatientData(),
        ["GET /api/intake"] = ForStaffAndTeams(),
        ["POST /api/intake/{intakeId}/accept"] = HiddenFrom(RegionRole.TeamCoordinator),
        ["POST /api/intake/{intakeId}/decline"] = HiddenFrom(RegionRole.TeamCoordinator),

        // The live alert hub (which alerts each connection gets: the hub matrix test).
        ["GET /hubs/alerts"] = ForStaff(),
        ["GET /hubs/alerts/negotiate"] = ForStaff(),
    };
}
