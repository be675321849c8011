using Hl7.Fhir.Model;
using ThuisMonitoring.Abstractions.Stores;

namespace ThuisMonitoring.Fhir.Resources;

/// <summary>A patient as an R4 Patient: name, birth date, BSN (or our identifier), phone, GP/specialist and organisation.</summary>
public static class PatientResource
{
    public static Patient From(PatientRecord record)
    {
        var patient = new Patient
        {
            Id = record.PatientId,
            Active = true,
            Name = [new HumanName { Use = HumanName.NameUse.Official, Text = record.Name }],
            BirthDate = record.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            GeneralPractitioner = [References.Practitioner(record.ResponsibleClinician)],
            ManagingOrganization = References.Organization(record.Organisation),
        };
        if (!string.IsNullOrEmpty(record.Identifier))
        {
            patient.Identifier.Add(new Identifier(Bsn.IsValid(record.Identifier) ? CodeSystems.Bsn : CodeSystems.PatientIdentifier, record.Identifier)
            {
                Use = Identifier.IdentifierUse.Official,
            });
        }

        if (!string.IsNullOrEmpty(record.Phone))
        {
            patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Mobile, record.Phone));
        }

        return patient.Stamped(record.EnrolledAt);
    }
}
