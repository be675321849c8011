using System.Buffers.Binary;
using Microsoft.Playwright;
using ThuisMonitoring.Testing;
using static Microsoft.Playwright.Assertions;

namespace ThuisMonitoring.BrowserTests;

/// <summary>
/// The picture of the alert queue in docs/screenshots/console-queue.png, taken from the real console on a host of its
/// own so the queue holds exactly the alerts set up here: two urgent, two warnings, one of them acknowledged.
/// </summary>
public sealed class QueueScreenshotTests(ConsoleSite site) : IClassFixture<ConsoleSite>
{
    private const int Width = 1366;
    private const int Height = 768;

    private static string ScreenshotPath => Path.Combine(RepositoryRoot.Path, "docs", "screenshots", "console-queue.png");

    [Fact]
    public async Task The_signed_in_alert_queue_at_1366x768_is_captured_for_the_docs()
    {
        var nurse = await site.Ward.AddNurseAsync("vpk-visser", "Anja Visser");
        var acknowledged = await RaiseAsync("Gerrit van Dijk", MeasurementMessage.Now(heartRate: 136, spo2: 95));
        await site.Ward.AcknowledgeAsync((await site.Ward.OpenAlertOfAsync(acknowledged)).AlertId, nurse);
        await RaiseAsync("Henk de Vries", MeasurementMessage.Now(spo2: 88, respiratoryRate: 22));
        await RaiseAsync("Maria Pietersen", MeasurementMessage.Now(spo2: 93, feeling: "worse"));
        await RaiseAsync("Johan Bos", MeasurementMessage.Now(spo2: 95, respiratoryRate: 23, heartRate: 92));
        var open = await site.Ward.AlertsAsync("open");
        await using var console = await site.OpenConsoleAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = Width, Height = Height },
            Locale = "nl-NL",
            TimezoneId = "Europe/Amsterdam",
        });

        await console.SignInAsync(nurse);
        await Expect(console.Rows).ToHaveCountAsync(open.Count + 1);
        await Expect(console.RowOf(acknowledged.Name)).ToHaveAttributeAsync("data-status", "acknowledged");
        Directory.CreateDirectory(Path.GetDirectoryName(ScreenshotPath)!);
        await console.Page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = ScreenshotPath,
            Animations = ScreenshotAnimations.Disabled,
            Caret = ScreenshotCaret.Hide,
        });

        var (width, height) = PngSize(await File.ReadAllBytesAsync(ScreenshotPath));
        width.Should().Be(Width);
        height.Should().Be(Height);
        console.Errors.Should().BeEmpty();
    }

    private async Task<EnrolledPatient> RaiseAsync(string patientName, MeasurementMessage measurement)
    {
        var patient = await site.Ward.EnrolAsync(patientName);
        await using var oximeter = await Oximeter.ConnectAsync(site.Host.MqttPort, patient);
        await oximeter.MeasureAsync(measurement);
        await site.Ward.OpenAlertOfAsync(patient);
        return patient;
    }

    /// <summary>Width and height from the PNG signature and IHDR chunk, the first 24 bytes of every PNG.</summary>
    private static (int Width, int Height) PngSize(byte[] png)
    {
        png.Should().HaveCountGreaterThan(24);
        png[..8].Should().Equal(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A);
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
    }
}
