using Microsoft.Extensions.Time.Testing;
using ThuisMonitoring.Domain.Privacy;

namespace ThuisMonitoring.Domain.Tests.Privacy;

/// <summary>Four eyes: an erasure is approved by someone other than who asked for it, once.</summary>
public sealed class ErasureRequestTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    private static ErasureRequest Requested() => new("e-1", "patient-1", "Zorggroep", "Verzoek van patiënt", "po.de.vries", Clock.GetUtcNow());

    [Theory]
    [InlineData("po.de.vries")]
    [InlineData("PO.de.Vries")]
    public void The_requester_cannot_approve_their_own_request(string approver)
    {
        var act = () => Requested().Approve(approver, Clock.GetUtcNow());

        act.Should().Throw<ErasureDecisionException>().Which.SamePerson.Should().BeTrue();
    }

    [Fact]
    public void Another_person_approves_and_then_it_is_carried_out()
    {
        var approved = Requested().Approve("admin", Clock.GetUtcNow().AddMinutes(5));

        approved.Status.Should().Be(ErasureStatus.Approved);
        approved.DecidedBy.Should().Be("admin");
        approved.CarriedOut(Clock.GetUtcNow().AddMinutes(6)).Status.Should().Be(ErasureStatus.CarriedOut);
        approved.Invoking(a => a.Approve("someone", Clock.GetUtcNow())).Should().Throw<ErasureDecisionException>().Which.SamePerson.Should().BeFalse();
    }

    [Fact]
    public void A_rejected_request_cannot_be_approved_or_carried_out()
    {
        var rejected = Requested().Reject("po.de.vries", "ingetrokken", Clock.GetUtcNow());

        rejected.Status.Should().Be(ErasureStatus.Rejected);
        rejected.Invoking(r => r.Approve("admin", Clock.GetUtcNow())).Should().Throw<ErasureDecisionException>();
        rejected.Invoking(r => r.CarriedOut(Clock.GetUtcNow())).Should().Throw<ErasureDecisionException>();
    }
}
