using ThuisMonitoring.DeviceSimulator.Scenarios;

namespace ThuisMonitoring.DeviceSimulator.Demo;

/// <summary>A patient enrolled by the simulator, with the device bound to them and the scenario it plays.</summary>
public sealed record SimulatedPatient(
    string PatientId,
    string Name,
    string Pathway,
    string ResponsibleClinician,
    double OxygenFlow,
    string DeviceId,
    string DeviceSecret,
    DeviceKind DeviceKind,
    string Scenario);
