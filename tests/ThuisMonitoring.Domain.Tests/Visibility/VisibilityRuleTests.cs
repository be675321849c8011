using FluentAssertions;
using ThuisMonitoring.Domain.Organisations;
using ThuisMonitoring.Domain.Visibility;

namespace ThuisMonitoring.Domain.Tests.Visibility;

/// <summary>CONTRACT section 7: who sees a patient, as one table of viewers against one patient of a hospital.</summary>
public sealed class VisibilityRuleTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private static readonly Region Region = new(
        [
            new Organisation("centrale", "Thuismonitoring Oost", OrganisationKind.MonitoringCentre, false, At),
            new Organisation("andere-centrale", "Thuismonitoring West", OrganisationKind.MonitoringCentre, false, At),
            new Organisation("rijnstad", "Ziekenhuis Rijnstad", OrganisationKind.Hospital, false, At),
            new Organisation("de-linde", "Huisartsen De Linde", OrganisationKind.GeneralPractice, true, At),
        ],
        [new ServedOrganisation("centrale", "rijnstad"), new ServedOrganisation("centrale", "de-linde")]);

    private static readonly CaredForPatient HospitalPatient = new("p-1", "dr.jansen", "rijnstad");
    private static readonly CaredForPatient PracticePatient = new("p-2", "dr.bakker", "de-linde");

    [Theory]
    [InlineData("admin", "admin", null, true)]
    [InlineData("dr.jansen", "clinician", "rijnstad", true)]               // responsible clinician
    [InlineData("DR.JANSEN", "clinician", "rijnstad", true)]               // usernames ignore case
    [InlineData("dr.smit", "clinician", "rijnstad", false)]                // colleague, the hospital does not share
    [InlineData("dr.bakker", "clinician", "de-linde", false)]              // clinician of another organisation
    [InlineData("anouk", "nurse", "centrale", true)]                       // nurse of the serving centre
    [InlineData("bram", "nurse", "andere-centrale", false)]                // nurse of a centre that does not serve it
    [InlineData("carla", "nurse", "rijnstad", true)]                       // nurse of the patient's own organisation
    [InlineData("dirk", "nurse", null, false)]                             // nurse of no organisation
    [InlineData("eva", "privacy-officer", "rijnstad", false)]              // reads the audit, never patient data
    [InlineData("p-1", "patient", null, false)]                            // a patient token without the patient claim
    public void A_hospital_patient_is_seen_by(string username, string role, string? organisation, bool sees) =>
        VisibilityRule.MaySee(new Viewer(username, role, organisation), HospitalPatient, Region).Should().Be(sees);

    [Fact]
    public void Clinicians_of_an_organisation_that_shares_see_each_others_patients() =>
        VisibilityRule.MaySee(new Viewer("dr.visser", "clinician", "de-linde"), PracticePatient, Region).Should().BeTrue();

    [Fact]
    public void A_patient_sees_only_themselves()
    {
        VisibilityRule.MaySee(new Viewer("app-1", "patient", null, "p-1"), HospitalPatient, Region).Should().BeTrue();
        VisibilityRule.MaySee(new Viewer("app-1", "patient", null, "p-1"), PracticePatient, Region).Should().BeFalse();
    }

    [Fact]
    public void Staff_and_patients_without_organisation_are_one_organisation_that_no_centre_serves()
    {
        var legacy = new CaredForPatient("p-3", "dr.oud", null);
        VisibilityRule.MaySee(new Viewer("dirk", "nurse", null), legacy, Region).Should().BeTrue();
        VisibilityRule.MaySee(new Viewer("anouk", "nurse", "centrale"), legacy, Region).Should().BeFalse();
        VisibilityRule.MaySee(new Viewer("dr.ander", "clinician", null), legacy, Region).Should().BeFalse("no organisation never shares");
    }

    [Fact]
    public void A_service_ended_hides_the_clients_patients_from_the_centre()
    {
        var without = new Region([.. new[] { "centrale", "rijnstad" }.Select(id => Region.Find(id)!)], []);
        VisibilityRule.MaySee(new Viewer("anouk", "nurse", "centrale"), HospitalPatient, without).Should().BeFalse();
    }

    [Fact]
    public void Only_a_centre_serves_even_when_a_client_link_names_another_kind()
    {
        var odd = new Region([Region.Find("rijnstad")!, Region.Find("de-linde")!], [new ServedOrganisation("de-linde", "rijnstad")]);
        VisibilityRule.MaySee(new Viewer("nurse-linde", "nurse", "de-linde"), HospitalPatient, odd).Should().BeFalse();
    }

    [Theory]
    [InlineData("dr.jansen", "clinician", "rijnstad", "dr.jansen", "rijnstad", true)]      // themselves
    [InlineData("dr.smit", "clinician", "rijnstad", "dr.jansen", "rijnstad", false)]       // colleague, no sharing
    [InlineData("dr.visser", "clinician", "de-linde", "dr.bakker", "de-linde", true)]      // colleague, sharing
    [InlineData("dr.bakker", "clinician", "de-linde", "dr.jansen", "rijnstad", false)]     // another organisation
    [InlineData("anouk", "nurse", "centrale", "dr.jansen", "rijnstad", true)]              // a served organisation's clinician
    [InlineData("bram", "nurse", "andere-centrale", "dr.jansen", "rijnstad", false)]
    [InlineData("admin", "admin", null, "dr.jansen", "rijnstad", true)]
    public void Enrolment_for_a_responsible_clinician(string username, string role, string? organisation, string clinician, string clinicianOrganisation, bool allowed) =>
        VisibilityRule.MayEnrolFor(new Viewer(username, role, organisation), new StaffMember(clinician, "clinician", clinicianOrganisation), Region)
            .Should().Be(allowed);

    [Fact]
    public void Enrolment_names_a_clinician_not_a_nurse() =>
        VisibilityRule.MayEnrolFor(new Viewer("admin", "admin", null), new StaffMember("anouk", "nurse", "centrale"), Region).Should().BeFalse();

    [Theory]
    [InlineData("nurse", "centrale", "nurse", "centrale", true)]             // own organisation
    [InlineData("nurse", "centrale", "nurse", "andere-centrale", false)]     // another centre's staff
    [InlineData("nurse", "centrale", "clinician", "rijnstad", true)]         // a clinician to pick at enrolment
    [InlineData("nurse", "centrale", "nurse", "rijnstad", false)]            // a served organisation's nurse is not to pick
    [InlineData("clinician", "rijnstad", "clinician", "de-linde", true)]     // a GP of the same region (handover)
    [InlineData("clinician", "rijnstad", "nurse", "centrale", false)]
    [InlineData("nurse", "andere-centrale", "clinician", "rijnstad", false)]
    public void Staff_lists_show(string role, string organisation, string memberRole, string memberOrganisation, bool shown) =>
        VisibilityRule.MaySeeStaff(new Viewer("kijker", role, organisation), new StaffMember("lid", memberRole, memberOrganisation), Region)
            .Should().Be(shown);

    [Theory]
    [InlineData("nurse", "centrale", "rijnstad", true)]
    [InlineData("nurse", "andere-centrale", "rijnstad", false)]
    [InlineData("clinician", "rijnstad", "rijnstad", true)]
    [InlineData("clinician", "de-linde", "rijnstad", false)]
    [InlineData("privacy-officer", "rijnstad", "rijnstad", false)]
    [InlineData("admin", null, "rijnstad", true)]
    public void An_organisation_protocol_is_read_by(string role, string? organisation, string of, bool reads) =>
        VisibilityRule.MayReadOrganisation(new Viewer("kijker", role, organisation), of, Region).Should().Be(reads);

    [Theory]
    [InlineData("admin", null, "elders", false, true)]                      // an admin reviews every record
    [InlineData("privacy-officer", "rijnstad", "centrale", true, true)]     // about a patient of their organisation
    [InlineData("privacy-officer", "rijnstad", "rijnstad", false, true)]    // what a user of their organisation did
    [InlineData("privacy-officer", "rijnstad", "centrale", false, false)]   // another organisation's user, no patient of theirs
    [InlineData("privacy-officer", "de-linde", "centrale", true, false)]    // the hospital's patient is not the practice's
    [InlineData("privacy-officer", null, "centrale", true, false)]          // an officer of no organisation
    [InlineData("nurse", "rijnstad", "rijnstad", true, false)]              // nobody else reads the trail
    public void An_audit_record_is_reviewed_by(string role, string? organisation, string? actorOrganisation, bool aboutHospitalPatient, bool reviews) =>
        VisibilityRule.MayReviewAuditRecord(new Viewer("eva", role, organisation), actorOrganisation, aboutHospitalPatient ? HospitalPatient : null)
            .Should().Be(reviews);
}
