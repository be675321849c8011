using System.Buffers.Binary;
using Microsoft.Playwright;
using ThuisMonitoring.Testing;
using static Microsoft.Playwright.Assertions;

namespace ThuisMonitoring.BrowserTests;

/// <summary>
/// The picture of a patient's detail in docs/screenshots/patient-detail.png: a day of spot checks slowly worsening to an
/// urgent alert, drawn as 24-hour trends with the protocol bands, taken from the real console on a host of its own.
/// </summary>
public sealed class PatientDetailScreenshotTests(ConsoleSite site) : IClassFixture<ConsoleSite>
{
    private const int Width = 1366;
    private const int Height = 768;

    private static string ScreenshotPath => Path.Combine(RepositoryRoot.Path, "docs", "screenshots", "patient-detail.png");

    [Fact]
    public async Task The_detail_of_a_deteriorating_patient_at_1366x768_is_captured_for_the_docs()
    {
        var nurse = await site.Ward.AddNurseAsync("vpk-smits", "Lotte Smits");
        var patient = await site.Ward.EnrolAsync("Henk de Vries");
        (int Hours, int Spo2, int HeartRate, int RespiratoryRate)[] day =
        [
            (22, 96, 78, 15), (20, 96, 80, 16), (18, 95, 82, 16), (16, 95, 84, 17), (14, 94, 86, 18), (12, 95, 85, 17),
            (10, 94, 90, 18), (8, 93, 94, 19), (6, 93, 96, 20), (4, 92, 100, 21), (2, 91, 104, 22), (0, 88, 112, 24),
        ];
        await PatientTrends.MeasureAsync(site.Host, patient,
            day.Select(m => PatientTrends.Ago(TimeSpan.FromHours(m.Hours) + TimeSpan.FromMinutes(3), m.Spo2, m.HeartRate, m.RespiratoryRate)).ToList());
        await site.Ward.OpenAlertOfAsync(patient);
        await using var console = await site.OpenConsoleAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = Width, Height = Height },
            Locale = "nl-NL",
            TimezoneId = "Europe/Amsterdam",
        });
        await console.SignInAsync(nurse);

        await console.RowOf(patient.Name).GetByTestId("alert-patient").ClickAsync();

        var charts = console.Page.GetByTestId("trend-chart");
        await Expect(charts).ToHaveCountAsync(5);
        foreach (var chart in await charts.AllAsync())
        {
            await Expect(chart).ToHaveAttributeAsync("data-state", "drawn");
        }

        await Expect(console.Page.Locator("[data-testid='trend-chart'][data-sign='spo2']")).ToHaveAttributeAsync("data-points", day.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
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

    /// <summary>Width and height from the PNG signature and IHDR chunk, the first 24 bytes of every PNG.</summary>
    private static (int Width, int Height) PngSize(byte[] png)
    {
        png.Should().HaveCountGreaterThan(24);
        png[..8].Should().Equal(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A);
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
    }
}
