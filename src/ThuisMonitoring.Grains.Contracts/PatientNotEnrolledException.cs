namespace ThuisMonitoring.Grains.Contracts;

/// <summary>A call on the patient grain of a patient that was never enrolled.</summary>
[GenerateSerializer]
public sealed class PatientNotEnrolledException : Exception
{
    public PatientNotEnrolledException()
    {
    }

    public PatientNotEnrolledException(string message) : base(message)
    {
    }

    public PatientNotEnrolledException(string message, Exception inner) : base(message, inner)
    {
    }
}
