using ThuisMonitoring.Domain.DistrictNursing;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Tests.Capacity;

/// <summary>District-nursing teams: the postcode areas they serve, their light per part of the day, and intake answers.</summary>
public sealed class DistrictNursingTests
{
    private static readonly DateTimeOffset Now = SpotCheck.MorningRound;

    [Theory]
    [InlineData("1011", "1011")]
    [InlineData("1011AB", "1011")]
    [InlineData("1011 ab", "1011")]
    [InlineData("0123", null)]
    [InlineData("10111", null)]
    [InlineData("", null)]
    public void A_postcode_area_is_its_four_digits(string postcode, string? area)
    {
        Postcode.Area(postcode).Should().Be(area);
    }

    [Fact]
    public void The_postcode_of_an_address_is_found_in_free_text()
    {
        Postcode.InAddress("Dorpsstraat 1, 1011 AB Amsterdam").Should().Be("1011");
        Postcode.InAddress("Dorpsstraat 1").Should().BeNull();
    }

    [Fact]
    public void A_team_serves_the_areas_it_lists_and_keeps_one_light_per_part_of_the_day()
    {
        var team = new DistrictTeam("team-noord", "wijkzorg", "Team Noord", ["1011", "1012"], []);

        team = team.WithLight(new TeamLight(PartOfDay.Evening, Level.Orange, null, Now, "coordinator"))
            .WithLight(new TeamLight(PartOfDay.Morning, Level.Green, null, Now, "coordinator"))
            .WithLight(new TeamLight(PartOfDay.Evening, Level.Red, "Vol", Now.AddHours(1), "coordinator"));

        team.Serves("1012 CD").Should().BeTrue();
        team.Serves("1013").Should().BeFalse();
        team.Lights.Select(l => (l.PartOfDay, l.Level)).Should().Equal((PartOfDay.Morning, Level.Green), (PartOfDay.Evening, Level.Red));
    }

    [Fact]
    public void An_intake_request_is_answered_once()
    {
        var request = new IntakeRequest("i-1", "patient-1", "team-noord", "wijkzorg", "Wondzorg", "nurse", Now);

        var accepted = request.Answer(accept: true, "coordinator", " Morgen ", Now.AddHours(1));

        accepted.Status.Should().Be(IntakeStatus.Accepted);
        accepted.AnswerNote.Should().Be("Morgen");
        accepted.Invoking(r => r.Answer(false, "coordinator", null, Now.AddHours(2))).Should().Throw<IntakeAnswerException>();
        request.Answer(false, "coordinator", null, Now).Status.Should().Be(IntakeStatus.Declined);
    }
}
