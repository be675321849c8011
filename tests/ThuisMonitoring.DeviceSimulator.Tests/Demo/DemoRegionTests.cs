using ThuisMonitoring.DeviceSimulator.Demo;

namespace ThuisMonitoring.DeviceSimulator.Tests.Demo;

public sealed class DemoRegionTests
{
    [Fact]
    public void Demo_patients_are_the_same_for_the_same_seed_so_a_rerun_finds_them() =>
        Enumerable.Range(0, 12).Select(i => DemoRegion.PatientFor(i, 2021))
            .Should().Equal(Enumerable.Range(0, 12).Select(i => DemoRegion.PatientFor(i, 2021)));

    [Fact]
    public void Demo_patients_are_spread_over_the_three_pathways_with_flows_of_half_to_three_litres()
    {
        var patients = Enumerable.Range(0, 30).Select(i => DemoRegion.PatientFor(i, 2021)).ToArray();

        patients.Select(p => p.Pathway).Distinct()
            .Should().BeEquivalentTo("early-discharge", "emergency-department", "general-practice");
        patients.Should().OnlyContain(p => p.OxygenFlow >= 0.5 && p.OxygenFlow <= 3.0 && p.OxygenFlow * 2 == Math.Floor(p.OxygenFlow * 2));
        patients.Select(p => p.Name).Should().OnlyHaveUniqueItems();
    }

    [Theory]
    [InlineData("general-practice", "huisarts")]
    [InlineData("early-discharge", "longarts")]
    [InlineData("emergency-department", "longarts")]
    public void The_GP_is_responsible_on_the_GP_pathway_and_the_pulmonologist_otherwise(string pathway, string clinician) =>
        DemoStaff.ResponsibleFor(pathway).Should().Be(clinician);

    [Fact]
    public void Birth_dates_are_plain_dates_of_elderly_patients()
    {
        var birthDate = DateOnly.ParseExact(DemoRegion.PatientFor(0, 2021).BirthDate, "yyyy-MM-dd");

        birthDate.Year.Should().BeInRange(1938, 1965);
    }
}
