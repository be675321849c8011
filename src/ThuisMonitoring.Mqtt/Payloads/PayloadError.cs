namespace ThuisMonitoring.Mqtt.Payloads;

/// <summary>
/// One reason a device message was rejected, as sent back on <c>.../errors</c>.
/// </summary>
/// <param name="Field">
/// Where the problem is: a field name (<c>measuredAt</c>), an item of a batch (<c>[3]</c>) or a field of
/// an item (<c>[3].spo2</c>). Empty when the problem concerns the payload as a whole (not JSON, too large, ...).
/// </param>
/// <param name="Message">What is wrong, in plain English, so a device developer can fix it.</param>
public sealed record PayloadError(string Field, string Message);
