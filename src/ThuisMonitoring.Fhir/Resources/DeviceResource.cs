using Hl7.Fhir.Model;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Measurements;

namespace ThuisMonitoring.Fhir.Resources;

/// <summary>A bound device (pulse oximeter or patient app) as an R4 Device of its patient.</summary>
public static class DeviceResource
{
    public static Device From(DeviceBinding binding)
    {
        var device = new Device
        {
            Id = binding.DeviceId,
            Status = Device.FHIRDeviceStatus.Active,
            Identifier = [new Identifier(CodeSystems.DeviceId, binding.DeviceId)],
            Type = binding.Kind == DeviceKind.Oximeter
                ? new CodeableConcept(CodeSystems.Snomed, "448703006", "Pulse oximeter", null)
                : new CodeableConcept(CodeSystems.DeviceKind, binding.Kind.ToCode(), "Patient app", null),
            Patient = References.Patient(binding.PatientId),
            Owner = References.Organization(binding.Organisation),
        };
        return device.Stamped(binding.BoundAt);
    }
}
