using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using ServiceExcellence.Application.ApiKeys;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.IntegrationTests.Api;

/// <summary>An integrating system's view of the app: a key, an HTTP client that sends it, and transaction bodies.</summary>
public static class ApiKit
{
    public static async Task<string> CreateKeyAsync(AppFactory app, string source = "crm", string name = "CRM") =>
        (await app.SendAsAdministratorAsync<CreateApiKey.Result>(new CreateApiKey.Command { Name = name, SourceSystem = source })).Value;

    public static HttpClient Client(AppFactory app, string? key)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        return client;
    }

    /// <summary>A valid body for Anna at Northwind (CRM-1), Field repair, yesterday afternoon in Berlin.</summary>
    public static JsonObject Transaction(string reference, string email = "anna@northwind.example") => new()
    {
        ["externalReference"] = reference,
        ["clientReference"] = "CRM-1",
        ["contact"] = new JsonObject { ["email"] = email, ["name"] = "Anna Andersen", ["language"] = "en" },
        ["serviceLine"] = "REPAIR",
        ["occurredAt"] = "2026-06-14T15:30:00+02:00",
        ["channel"] = "OnSite",
        ["invoicedAmount"] = 480.5m,
        ["currency"] = "EUR",
    };

    public static Task<HttpResponseMessage> PostAsync(this HttpClient client, JsonNode body) =>
        client.PostAsJsonAsync("/api/v1/transactions", body);

    public static Task<HttpResponseMessage> PostBatchAsync(this HttpClient client, params JsonNode[] items) =>
        client.PostAsJsonAsync("/api/v1/transactions/batch", new JsonObject { ["transactions"] = new JsonArray(items.Select(i => i.DeepClone()).ToArray()) });

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>The field names of a ValidationProblemDetails' <c>errors</c>.</summary>
    public static async Task<string[]> ErrorFieldsAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        return problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
    }

    public static JsonObject With(this JsonObject body, string field, JsonNode? value)
    {
        var copy = body.DeepClone().AsObject();
        if (field.Split('.') is [var parent, var child])
        {
            copy[parent]!.AsObject()[child] = value;
        }
        else
        {
            copy[field] = value;
        }

        return copy;
    }

    public static JsonObject Without(this JsonObject body, string field)
    {
        var copy = body.DeepClone().AsObject();
        copy.Remove(field);
        return copy;
    }
}
