using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace ServiceExcellence.IntegrationTests.Support;

/// <summary>One person's browser: cookies, page reads and form posts with the page's own antiforgery token.</summary>
public sealed class StaffSession(HttpClient client) : IDisposable
{
    public HttpClient Client => client;

    public async Task SignInAsync(string email, string password)
    {
        var response = await PostFormAsync("/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Sign-in of {email} failed: {response.StatusCode}");
    }

    public async Task<IDocument> GetPageAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(expected, response.StatusCode);
        return await ParseAsync(response);
    }

    /// <summary>Opens the page, fills its first form (or the one with <paramref name="formSelector"/>) and posts it.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string url, Dictionary<string, string> fields, string formSelector = "main form")
    {
        var page = await GetPageAsync(url);
        var form = page.QuerySelector<IHtmlFormElement>(formSelector) ?? page.QuerySelector<IHtmlFormElement>("form")
            ?? throw new InvalidOperationException($"{url} has no form.");
        var values = form.Elements
            .OfType<IHtmlInputElement>()
            .Where(i => i.Type is "hidden" or "text" or "number" or "email" or "url" or "date" or "datetime-local" || (i.Type == "checkbox" && i.IsChecked))
            .Where(i => !string.IsNullOrEmpty(i.Name))
            .GroupBy(i => i.Name!)
            .ToDictionary(g => g.Key, g => g.First().Value);
        foreach (var textArea in form.Elements.OfType<IHtmlTextAreaElement>().Where(t => !string.IsNullOrEmpty(t.Name)))
        {
            values[textArea.Name!] = textArea.Value;
        }

        foreach (var select in form.Elements.OfType<IHtmlSelectElement>().Where(s => !string.IsNullOrEmpty(s.Name)))
        {
            values[select.Name!] = select.Value ?? string.Empty;
        }

        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }

        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? url : form.GetAttribute("action")!;
        return await client.PostAsync(action, new FormUrlEncodedContent(values));
    }

    public static async Task<IDocument> ParseAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var context = BrowsingContext.New(Configuration.Default);
        return await context.OpenAsync(request => request.Content(html));
    }

    /// <summary>The message shown next to a form field, or null.</summary>
    public static string? FieldError(IDocument page, string field) =>
        page.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent.Trim() is { Length: > 0 } text ? text : null;

    public void Dispose() => client.Dispose();
}
