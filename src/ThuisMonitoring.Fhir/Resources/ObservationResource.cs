using Hl7.Fhir.Model;
using ThuisMonitoring.Abstractions.Stores;

namespace ThuisMonitoring.Fhir.Resources;

/// <summary>
/// A stored measurement as R4 vital-signs Observations, one per vital sign it holds. The SpO2 Observation also
/// carries the oxygen-therapy facts as the zib O2Saturation does: the inhaled oxygen flow (3151-8) and whether extra
/// oxygen was given (SNOMED 57485005), as components.
/// </summary>
public static class ObservationResource
{
    public static IEnumerable<Observation> From(StoredMeasurement stored)
    {
        foreach (var sign in VitalSignCodes.All)
        {
            if (sign.Read(stored.Measurement) is { } value)
            {
                yield return From(stored, sign, value);
            }
        }
    }

    public static Observation From(StoredMeasurement stored, VitalSignCode sign, decimal value)
    {
        var measurement = stored.Measurement;
        var code = new CodeableConcept(CodeSystems.Loinc, sign.Loinc, sign.Display, null);
        if (sign.ExtraLoinc is not null)
        {
            code.Coding.Add(new Coding(CodeSystems.Loinc, sign.ExtraLoinc, "Oxygen saturation in Arterial blood"));
        }

        code.Text = sign.Display;
        var observation = new Observation
        {
            Id = FhirIds.Observation(stored.PatientId, measurement.MeasuredAt, sign),
            Status = ObservationStatus.Final,
            Category = [new CodeableConcept(CodeSystems.ObservationCategory, "vital-signs", "Vital Signs", null)],
            Code = code,
            Subject = References.Patient(stored.PatientId),
            Effective = new FhirDateTime(measurement.MeasuredAt.ToUniversalTime()),
            Issued = stored.ReceivedAt.ToUniversalTime(),
            Value = Quantity(value, sign),
            Device = References.Device(stored.DeviceId),
        };
        if (measurement.MessageId is not null)
        {
            observation.Identifier.Add(new Identifier("urn:thuismonitoring:message", $"{stored.DeviceId}/{measurement.MessageId}/{sign.Key}"));
        }

        if (sign == VitalSignCodes.Spo2 && measurement.OxygenFlow is { } flow)
        {
            observation.Component.Add(new Observation.ComponentComponent
            {
                Code = new CodeableConcept(CodeSystems.Loinc, VitalSignCodes.OxygenFlow.Loinc, VitalSignCodes.OxygenFlow.Display, null),
                Value = Quantity((decimal)flow, VitalSignCodes.OxygenFlow),
            });
            observation.Component.Add(new Observation.ComponentComponent
            {
                Code = new CodeableConcept(CodeSystems.Snomed, CodeSystems.OxygenTherapy, "Oxygen therapy", null),
                Value = new FhirBoolean(flow > 0),
            });
        }

        if (measurement.Exertion)
        {
            observation.Note.Add(new Annotation { Text = new Markdown("Measured during exertion.") });
        }

        return observation.Stamped(stored.ReceivedAt, sign.Profile);
    }

    private static Quantity Quantity(decimal value, VitalSignCode sign) => new()
    {
        Value = value,
        Unit = sign.UnitDisplay,
        System = CodeSystems.Ucum,
        Code = sign.Unit,
    };
}
