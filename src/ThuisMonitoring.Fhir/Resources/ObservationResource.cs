using Hl7.Fhir.Model;
using ThuisMonitoring.Abstractions.Stores;

namespace ThuisMonitoring.Fhir.Resources;

/// <summary>
/// A stored measurement as R4 vital-signs Observations, one per vital sign it holds. The SpO2 Observation also
/// carries the oxygen-therapy facts as the zib O2Saturation does: whether extra oxygen was given (component SNOMED
/// 57485005, true above 0 L/min) and, as <c>hasMember</c>, the inhaled oxygen flow Observation (3151-8) of the measurement.
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
            // The vital-signs profile allows only its common units in components (not L/min): the flow itself is the
            // 3151-8 Observation of the same measurement, referred to as a member.
            observation.Component.Add(new Observation.ComponentComponent
            {
                Code = new CodeableConcept(CodeSystems.Snomed, CodeSystems.OxygenTherapy, "Oxygen therapy", null),
                Value = new FhirBoolean(flow > 0),
            });
            observation.HasMember.Add(new ResourceReference($"Observation/{FhirIds.Observation(stored.PatientId, measurement.MeasuredAt, VitalSignCodes.OxygenFlow)}"));
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
