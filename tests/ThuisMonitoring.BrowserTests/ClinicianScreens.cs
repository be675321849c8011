using Microsoft.Playwright;
using ThuisMonitoring.Testing;
using static Microsoft.Playwright.Assertions;

namespace ThuisMonitoring.BrowserTests;

/// <summary>What the clinician's browser tests share: signing in to the inbox, opening a patient, confirming a decision, screenshots under artifacts/.</summary>
internal static class ClinicianScreens
{
    public static readonly BrowserNewContextOptions WardScreen = new()
    {
        ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
        Locale = "nl-NL",
        TimezoneId = "Europe/Amsterdam",
    };

    /// <summary>A clinician lands on the inbox after signing in.</summary>
    public static async Task SignInAsClinicianAsync(ConsolePage console, StaffAccount account)
    {
        await console.Page.GetByTestId("login-username").FillAsync(account.Username);
        await console.Page.GetByTestId("login-password").FillAsync(account.Password);
        await console.Page.GetByTestId("login-submit").ClickAsync();
        await Expect(console.Page.GetByTestId("inbox")).ToBeVisibleAsync();
        await Expect(console.ConnectionState).ToHaveAttributeAsync("data-state", "connected");
    }

    public static async Task<ILocator> OpenPatientAsync(ConsolePage console, string patientId)
    {
        await console.Page.EvaluateAsync("id => { location.hash = '#/patients/' + id; }", patientId);
        var detail = console.Page.GetByTestId("patient-detail");
        await Expect(detail).ToHaveAttributeAsync("data-patient-id", patientId);
        await Expect(detail.GetByTestId("decisions")).ToBeVisibleAsync();
        return detail;
    }

    /// <summary>Clicks a decision, fills the dialog's fields and confirms; waits until the dialog has closed.</summary>
    public static async Task DecideAsync(ConsolePage console, ILocator button, IReadOnlyDictionary<string, string> fields)
    {
        await button.ClickAsync();
        var dialog = console.Page.GetByTestId("decision-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        foreach (var (name, value) in fields)
        {
            var input = dialog.GetByTestId($"decision-{name}");
            if (await input.EvaluateAsync<string>("e => e.tagName") == "SELECT")
            {
                await input.SelectOptionAsync(value);
            }
            else
            {
                await input.FillAsync(value);
            }
        }

        await dialog.GetByTestId("decision-confirm").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
    }

    public static string Artifact(string file)
    {
        var path = Path.Combine(RepositoryRoot.Path, "artifacts", "screenshots", file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }
}
