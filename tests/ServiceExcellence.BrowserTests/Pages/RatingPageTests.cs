using Microsoft.Playwright;
using ServiceExcellence.BrowserTests.Support;
using static Microsoft.Playwright.Assertions;

namespace ServiceExcellence.BrowserTests.Pages;

/// <summary>The customer's rating page behind the emailed link, on a phone and by keyboard.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RatingPageTests(BrowserFixture browser)
{
    private const string OverallLegend = "Overall, how satisfied are you?";
    private const string WhatWentWrong = "What went wrong?";
    private const string CommentLabel = "Anything you would like to tell us?";
    private const string Submit = "Send my rating";

    [Theory]
    [InlineData(320, 640)]
    [InlineData(390, 844)]
    public async Task A_customer_rates_a_contact_on_a_phone_from_the_emailed_score(int width, int height)
    {
        await using var session = await browser.OpenAsync(Phone(width, height));
        var page = session.Page;
        var link = await SurveyLinks.NewAsync(browser.Services);

        await page.GotoAsync(link.Path + "?score=2");

        await Expect(OverallOption(page, 2)).ToBeCheckedAsync();
        var wrong = page.GetByRole(AriaRole.Group, new() { Name = WhatWentWrong });
        await Expect(wrong).ToBeVisibleAsync();
        var category = wrong.GetByRole(AriaRole.Checkbox).First;
        var categoryId = Guid.Parse((await category.GetAttributeAsync("value"))!);
        await category.TapAsync();
        await Expect(category).ToBeCheckedAsync();
        var reliability = page.GetByRole(AriaRole.Group, new() { Name = "Reliability: we did what we promised" });
        await reliability.GetByText("4", new() { Exact = true }).TapAsync();
        await Expect(reliability.GetByRole(AriaRole.Radio, new() { Name = "4 – Satisfied" })).ToBeCheckedAsync();
        await page.GetByLabel(CommentLabel).FillAsync("The engineer came a day late.");
        await session.ScreenshotAsync($"{width}-before-submit");
        await page.GetByRole(AriaRole.Button, new() { Name = Submit }).TapAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"{Regex.Escape(link.Path)}/thanks"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Thank you!");
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("someone will contact you");
        await session.ScreenshotAsync($"{width}-thanks");

        var rating = await SurveyLinks.RatingOfAsync(browser.Services, link);
        Assert.NotNull(rating);
        Assert.Equal(2, rating.Overall);
        Assert.Equal(4, rating.Reliability);
        Assert.Null(rating.Responsiveness);
        Assert.Equal("The engineer came a day late.", rating.Comment);
        Assert.Equal(categoryId, Assert.Single(rating.FailureCategories).FailureCategoryId);
    }

    [Fact]
    public async Task The_rating_page_fits_320_pixels_and_works_by_keyboard()
    {
        // A narrow window or 400 % zoom on a desktop: no touch, only the keyboard.
        await using var session = await browser.OpenAsync(new() { ViewportSize = new() { Width = 320, Height = 640 }, ReducedMotion = ReducedMotion.Reduce });
        var page = session.Page;
        var link = await SurveyLinks.NewAsync(browser.Services);
        await page.GotoAsync(link.Path);

        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        var viewportWidth = await page.EvaluateAsync<int>("window.innerWidth");
        Assert.True(scrollWidth <= viewportWidth, $"The rating page scrolls sideways at 320 px: {scrollWidth}px wide in a {viewportWidth}px viewport.");
        var languageTops = await page.GetByRole(AriaRole.Navigation, new() { Name = "Language" }).GetByRole(AriaRole.Link)
            .EvaluateAllAsync<double[]>("links => links.map(l => l.getBoundingClientRect().top)");
        Assert.True(languageTops.Length == 3 && languageTops.Distinct().Count() == 1, $"The language links wrap at 320 px: tops {string.Join(", ", languageTops)}.");

        // From the top of the page, Tab passes the language links and lands on the first overall score.
        await TabUntilAsync(page, "Input.Overall", maxPresses: 6);
        await Expect(OverallOption(page, 1)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Space");
        await Expect(OverallOption(page, 1)).ToBeCheckedAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(OverallOption(page, 3)).ToBeCheckedAsync();
        await page.Keyboard.PressAsync("ArrowLeft");
        await Expect(OverallOption(page, 2)).ToBeCheckedAsync();
        await Expect(OverallOption(page, 2)).ToBeFocusedAsync();
        await Expect(OverallLabel(page, 2)).ToHaveCSSAsync("outline-style", "solid");
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = WhatWentWrong })).ToBeVisibleAsync();
        await session.ScreenshotAsync("keyboard-focus");

        // Tab leaves the score group for the first category; Space ticks it.
        await page.Keyboard.PressAsync("Tab");
        var category = page.GetByRole(AriaRole.Group, new() { Name = WhatWentWrong }).GetByRole(AriaRole.Checkbox).First;
        await Expect(category).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Space");
        await Expect(category).ToBeCheckedAsync();
        var categoryId = Guid.Parse((await category.GetAttributeAsync("value"))!);

        // The comment, then the submit button, pressed with Enter.
        await TabUntilAsync(page, "Input.Comment", maxPresses: 20);
        await page.Keyboard.TypeAsync("Typed without a mouse.");
        await TabUntilAsync(page, "submit", maxPresses: 2);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = Submit })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new Regex($"{Regex.Escape(link.Path)}/thanks"));
        var rating = await SurveyLinks.RatingOfAsync(browser.Services, link);
        Assert.NotNull(rating);
        Assert.Equal(2, rating.Overall);
        Assert.Equal("Typed without a mouse.", rating.Comment);
        Assert.Equal(categoryId, Assert.Single(rating.FailureCategories).FailureCategoryId);
    }

    [Theory]
    [InlineData(320, 640)]
    [InlineData(390, 844)]
    public async Task The_rating_page_has_no_serious_accessibility_violations(int width, int height)
    {
        Axe.AssertInstalled();
        // The app's content security policy forbids inline scripts, which is how axe gets into the page.
        var options = Phone(width, height);
        options.BypassCSP = true;
        await using var session = await browser.OpenAsync(options);
        var page = session.Page;
        var link = await SurveyLinks.NewAsync(browser.Services);
        var report = new List<string>();

        await page.GotoAsync(link.Path + "?score=3");
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = WhatWentWrong })).ToBeVisibleAsync();
        report.AddRange(await Axe.CheckAsync(session, $"{width}-rate"));

        await page.GotoAsync(link.Path + "?lang=es&score=3");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");
        report.AddRange(await Axe.CheckAsync(session, $"{width}-rate-es"));

        await page.GotoAsync(link.Path + "?score=3");
        await page.GetByRole(AriaRole.Button, new() { Name = Submit }).TapAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"{Regex.Escape(link.Path)}/thanks"));
        report.AddRange(await Axe.CheckAsync(session, $"{width}-thanks"));

        await page.GotoAsync(link.Path);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Update my rating" })).ToBeVisibleAsync();
        report.AddRange(await Axe.CheckAsync(session, $"{width}-rate-again"));

        await page.GotoAsync("/r/" + new string('j', 42) + "!");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("This link cannot be used");
        report.AddRange(await Axe.CheckAsync(session, $"{width}-invalid-link"));

        Assert.True(report.Count == 0, "Serious accessibility violations:\n" + string.Join('\n', report));
    }

    [Theory]
    [InlineData(320, 640)]
    [InlineData(390, 844)]
    public async Task A_good_score_hides_what_went_wrong(int width, int height)
    {
        await using var session = await browser.OpenAsync(Phone(width, height));
        var page = session.Page;
        var link = await SurveyLinks.NewAsync(browser.Services);
        await page.GotoAsync(link.Path);
        var wrong = page.GetByRole(AriaRole.Group, new() { Name = WhatWentWrong, IncludeHidden = true });
        await Expect(wrong).ToBeHiddenAsync();

        await OverallLabel(page, 5).TapAsync();
        await Expect(OverallOption(page, 5)).ToBeCheckedAsync();
        await Expect(wrong).ToBeHiddenAsync();

        await OverallLabel(page, 2).TapAsync();
        await Expect(OverallOption(page, 2)).ToBeCheckedAsync();
        await Expect(wrong).ToBeVisibleAsync();

        await OverallLabel(page, 4).TapAsync();
        await Expect(wrong).ToBeHiddenAsync();
        await OverallLabel(page, 3).TapAsync();
        await Expect(wrong).ToBeVisibleAsync();
    }

    private static BrowserNewContextOptions Phone(int width, int height) =>
        // Reduced motion turns off Bootstrap's transitions, so screenshots show buttons in their final colours.
        new() { ViewportSize = new() { Width = width, Height = height }, IsMobile = true, HasTouch = true, ReducedMotion = ReducedMotion.Reduce };

    /// <summary>The overall score's radio button; its accessible name is the number followed by its words.</summary>
    private static ILocator OverallOption(IPage page, int score) =>
        page.GetByRole(AriaRole.Group, new() { Name = OverallLegend })
            .GetByRole(AriaRole.Radio, new() { NameRegex = new Regex($"^{score}\\b") });

    /// <summary>The button-like label a customer taps to choose an overall score.</summary>
    private static ILocator OverallLabel(IPage page, int score) =>
        page.GetByRole(AriaRole.Group, new() { Name = OverallLegend }).Locator($"label[for='overall-{score}']");

    /// <summary>Presses Tab until the focused element has the given name (form field) or type (button).</summary>
    private static async Task TabUntilAsync(IPage page, string nameOrType, int maxPresses)
    {
        var focused = new List<string>();
        for (var i = 0; i < maxPresses; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var current = await page.EvaluateAsync<string>("() => { const e = document.activeElement; return e ? (e.getAttribute('name') || e.getAttribute('type') || e.tagName) : ''; }");
            focused.Add(current);
            if (current == nameOrType)
            {
                return;
            }
        }

        Assert.Fail($"{maxPresses} presses of Tab did not reach {nameOrType}; focus went through {string.Join(", ", focused)}.");
    }
}
