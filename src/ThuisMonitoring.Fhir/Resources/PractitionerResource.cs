using Hl7.Fhir.Model;
using ThuisMonitoring.Abstractions.Stores;

namespace ThuisMonitoring.Fhir.Resources;

/// <summary>A clinician (or nurse) as an R4 Practitioner, identified by username (and AGB code when they have one); Organization from the user's organisation.</summary>
public static class PractitionerResource
{
    public static Practitioner From(UserAccount user)
    {
        var practitioner = new Practitioner
        {
            Id = user.Username,
            Active = !user.Disabled,
            Identifier = [new Identifier(CodeSystems.Username, user.Username)],
            Name = [new HumanName { Text = user.DisplayName }],
        };
        if (user.AgbCode is not null)
        {
            practitioner.Identifier.Add(new Identifier(CodeSystems.Agb, user.AgbCode));
        }

        return practitioner.Stamped(user.CreatedAt);
    }

    public static Organization Organization(string organisation, DateTimeOffset since) => new Organization
    {
        Id = organisation,
        Active = true,
        Identifier = [new Identifier(CodeSystems.Organisation, organisation)],
        Name = organisation,
    }.Stamped(since);
}
