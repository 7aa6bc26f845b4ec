using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.IntegrationTests.Api;
using ServiceExcellence.IntegrationTests.Support;
using ServiceExcellence.Tests.Fuzz;

namespace ServiceExcellence.IntegrationTests.Fuzz;

/// <summary>
/// Whatever an integrating system posts to <c>/api/v1/transactions</c> and <c>/batch</c> — fields of the wrong
/// type, numbers at the edges, hostile strings, broken or non-JSON bodies — the answer is never a 5xx: it is a
/// ProblemDetails naming the field, and a rejected request stores nothing.
/// </summary>
public sealed class ApiBodyFuzzTests : IAsyncLifetime
{
    private static readonly string[] Fields =
    [
        "externalReference", "clientReference", "contact", "contact.email", "contact.name", "contact.language", "serviceLine",
        "performedBy", "occurredAt", "channel", "invoicedAmount", "currency", "unknownField",
    ];

    /// <summary>JSON values of every type, at the edges of the numbers System.Text.Json and decimal can hold.</summary>
    private static readonly Gen<string> JsonValue = Gen.Frequency(
        (6, Hostile.Text.Select(s => JsonSerializer.Serialize(s))),
        (3, Gen.OneOf(
            "0", "-0", "-1", "1", "0.5", "480.505", "1e308", "-1e308", "1e-400", "1E+2", "9223372036854775807", "9223372036854775808",
            "-9223372036854775809", "79228162514264337593543950335", "79228162514264337593543950336", "0.0000000000000000000000000000001",
            "999999999999.99", "1000000000000", "123456789012345678901234567890.123", "true", "false", "null", "[]", "{}", "[1,\"a\"]",
            "{\"email\":1}", "\"NaN\"", "\"Infinity\"", "\"-0\"", "\"1e308\"")),
        (1, Gen.Int[2, 60].Select(depth => new string('[', depth) + new string(']', depth))),
        (1, Gen.Int[2, 30].Select(depth => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth))));

    private readonly AppFactory _app = new() { Settings = { ["RateLimits:ApiRequestsPerMinute"] = "1000000", ["RateLimits:ApiPerAddressPerMinute"] = "1000000" } };
    private HttpClient _crm = default!;
    private int _next;

    public async ValueTask InitializeAsync()
    {
        await TestData.SeedAsync(_app);
        _crm = ApiKit.Client(_app, await ApiKit.CreateKeyAsync(_app, "crm"));
    }

    public async ValueTask DisposeAsync()
    {
        // Whatever a test let through must also fit the columns of the production database.
        var violations = await ColumnLimits.ViolationsAsync(_app);
        _crm.Dispose();
        await _app.DisposeAsync();
        Assert.Empty(violations);
    }

    [Fact]
    public async Task A_field_of_any_type_or_value_is_answered_without_a_server_error_and_a_rejection_names_it_and_stores_nothing()
    {
        var mutation = Gen.Select(Gen.OneOf(Fields), JsonValue, (field, value) => (Field: field, Value: value)).Array[1, 3];

        await Check.SampleAsync(mutation, async changes =>
        {
            var body = ApiKit.Transaction($"FZ-{Interlocked.Increment(ref _next)}");
            foreach (var (field, value) in changes)
            {
                body = Set(body, field, JsonNode.Parse(value));
            }

            var before = await CountsAsync();
            var response = await PostRawAsync("/api/v1/transactions", Encoding.UTF8.GetBytes(body.ToJsonString()));

            await AssertAnsweredAsync(response);
            var after = await CountsAsync();
            if (response.StatusCode == HttpStatusCode.Created)
            {
                Assert.Equal(before.Transactions + 1, after.Transactions);
                var id = (await response.JsonAsync()).GetProperty("id").GetString();
                Assert.Equal(HttpStatusCode.OK, (await _crm.GetAsync($"/api/v1/transactions/{id}")).StatusCode);
                return;
            }

            Assert.Equal(before, after);
            if (response.StatusCode == HttpStatusCode.Conflict)
            {
                // A reference posted earlier with other data: the answer names the fields that differ from it.
                Assert.NotEmpty(await response.ErrorFieldsAsync());
            }
            else if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity)
            {
                var named = await response.ErrorFieldsAsync();
                var deep = changes.Any(c => c.Value.StartsWith("[[", StringComparison.Ordinal) || c.Value.StartsWith("{\"a\":{", StringComparison.Ordinal));
                Assert.True(
                    named.Any(n => changes.Any(c => n == c.Field || n.StartsWith(c.Field + ".", StringComparison.Ordinal) || c.Field.StartsWith(n + ".", StringComparison.Ordinal)))
                        || (deep && named.Contains("body")),
                    $"{response.StatusCode} names [{string.Join(", ", named)}], not the changed field");
            }
        }, iter: Hostile.Iterations(300), threads: 1, print: changes => string.Join("; ", changes.Select(c => $"{c.Field} = {Shorten(c.Value)}")));
    }

    [Fact]
    public async Task A_body_that_is_not_a_transaction_is_a_400_problem_and_stores_nothing()
    {
        var valid = ApiKit.Transaction("FZ-RAW").ToJsonString();
        var validBytes = Encoding.UTF8.GetBytes(valid);
        var body = Gen.Frequency(
            (2, Gen.Byte.Array[0, 200]),
            (2, Gen.Int[0, validBytes.Length - 1].Select(cut => validBytes[..cut])),
            (2, Hostile.Utf8WithInvalidBytes.Select(bytes => Encoding.UTF8.GetBytes("{\"externalReference\":\"").Concat(bytes).Concat(Encoding.UTF8.GetBytes(valid[1..].Insert(0, "\","))).ToArray())),
            (1, Gen.Int[17, 5_000].Select(depth => Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', depth)))),
            (1, Gen.Int[17, 2_000].Select(depth => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"contact\":", depth)) + "{}" + new string('}', depth)))),
            (1, Gen.OneOf("", " ", "null", "true", "1", "\"x\"", "[]", "[{}]", "[" + valid + "]", "{}", "{\"transactions\":[" + valid + "]}", "\uFEFF" + valid[..10])
                .Select(Encoding.UTF8.GetBytes)));
        var contentType = Gen.OneOf("application/json", "application/json; charset=utf-8", "text/plain", "application/xml", "application/x-www-form-urlencoded", "");

        await Check.SampleAsync(Gen.Select(body, contentType, (b, t) => (b, t)), async (bytes, type) =>
        {
            var before = await CountsAsync();
            var response = await PostRawAsync("/api/v1/transactions", bytes, type);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.NotEmpty(await response.ErrorFieldsAsync());
            Assert.Equal(before, await CountsAsync());
        }, iter: Hostile.Iterations(200), threads: 1, print: t => $"{t.Item2}: {Shorten(Convert.ToHexString(t.Item1))}");
    }

    [Fact]
    public async Task A_megabyte_in_any_field_is_a_400_naming_it_or_is_stored_whole()
    {
        foreach (var field in Fields)
        {
            var before = await CountsAsync();
            var body = ApiKit.Transaction($"FZ-MB-{field}").With(field, Hostile.Megabyte());

            var response = await PostRawAsync("/api/v1/transactions", Encoding.UTF8.GetBytes(body.ToJsonString()));

            await AssertAnsweredAsync(response);
            if (field is "contact.name" or "unknownField")
            {
                // A name is cut to the column; an unknown field is ignored.
                Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.BadRequest, $"{field}: {response.StatusCode}");
            }
            else
            {
                Assert.True(response.StatusCode is HttpStatusCode.BadRequest, $"{field}: {response.StatusCode}");
            }

            if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                Assert.Contains(await response.ErrorFieldsAsync(), n => n == field || n.StartsWith(field + ".", StringComparison.Ordinal));
                Assert.Equal(before, await CountsAsync());
            }
        }
    }

    [Fact]
    public async Task A_batch_of_any_mix_of_items_answers_each_one_and_stores_exactly_the_created()
    {
        var item = Gen.Frequency(
            (3, Gen.Select(Gen.OneOf(Fields), JsonValue, (field, value) => (Field: field, Value: value)).Select(change => (JsonNode?)ApiKit.Transaction("B").With(change.Field, JsonNode.Parse(change.Value)))),
            (2, Gen.Const(() => (JsonNode?)ApiKit.Transaction("B"))),
            (1, JsonValue.Select(value => JsonNode.Parse(value))));
        var batch = item.Array[1, 25];

        await Check.SampleAsync(batch, async items =>
        {
            // Each item gets its own reference unless the mutation replaced it (then repeats inside the batch are allowed).
            foreach (var node in items.OfType<JsonObject>().Where(o => o["externalReference"]?.GetValueKind() == JsonValueKind.String && (string?)o["externalReference"] == "B"))
            {
                node["externalReference"] = $"FZ-B-{Interlocked.Increment(ref _next)}";
            }

            var before = await CountsAsync();
            var response = await PostRawAsync("/api/v1/transactions/batch", Encoding.UTF8.GetBytes(new JsonObject { ["transactions"] = new JsonArray(items) }.ToJsonString()));

            await AssertAnsweredAsync(response);
            var after = await CountsAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                // Only a body that cannot be read at all is refused whole.
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                Assert.Equal(before, after);
                return;
            }

            var answer = await response.JsonAsync();
            var results = answer.GetProperty("results").EnumerateArray().ToList();
            Assert.Equal(items.Length, results.Count);
            Assert.All(results, r => Assert.Contains(r.GetProperty("status").GetInt32(), new[] { 200, 201, 400, 409, 422 }));
            Assert.All(results.Where(r => r.GetProperty("status").GetInt32() is 400 or 409 or 422), r => Assert.NotEmpty(r.GetProperty("errors").EnumerateObject()));
            Assert.Equal(before.Transactions + answer.GetProperty("created").GetInt32(), after.Transactions);
        }, iter: Hostile.Iterations(100), threads: 1, print: items => Shorten(new JsonArray(items.Select(i => i?.DeepClone()).ToArray()).ToJsonString()));
    }

    [Fact]
    public async Task A_property_sent_twice_is_answered_without_a_server_error_and_a_rejection_stores_nothing()
    {
        var fields = Gen.Select(Gen.OneOf(Fields.Where(f => !f.Contains('.', StringComparison.Ordinal)).ToArray()), JsonValue, (field, value) => (Field: field, Value: value));

        await Check.SampleAsync(fields, async duplicate =>
        {
            var valid = ApiKit.Transaction($"FZ-D-{Interlocked.Increment(ref _next)}").ToJsonString();
            var body = valid[..^1] + $",\"{duplicate.Field}\":{duplicate.Value}}}";
            var before = await CountsAsync();

            var response = await PostRawAsync("/api/v1/transactions", Encoding.UTF8.GetBytes(body));

            await AssertAnsweredAsync(response);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                Assert.Equal(before, await CountsAsync());
            }
        }, iter: Hostile.Iterations(100), threads: 1, print: d => $"{d.Field} twice, second = {Shorten(d.Value)}");
    }

    [Fact]
    public async Task A_new_contact_whose_address_is_longer_than_a_name_is_recorded_and_a_long_language_tag_is_a_400_naming_it()
    {
        var email = new string('a', 210) + "@northwind.example";

        var created = await _crm.PostAsync(ApiKit.Transaction("FZ-LONG").With("contact", new JsonObject { ["email"] = email }));
        var language = await _crm.PostAsync(ApiKit.Transaction("FZ-LANG").With("contact.language", "en-abcdefgh-ijklmnop"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(new string('a', 200), await _app.QueryAsync(db => db.Contacts.Where(c => c.Email == email).Select(c => c.Name).SingleAsync()));
        Assert.Equal(HttpStatusCode.BadRequest, language.StatusCode);
        Assert.Equal(["contact.language"], await language.ErrorFieldsAsync());
    }

    [Fact]
    public async Task A_list_of_channels_is_a_400_naming_the_channel_not_one_of_them()
    {
        var response = await _crm.PostAsync(ApiKit.Transaction("FZ-CHANNELS").With("channel", "Phone,Email"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["channel"], await response.ErrorFieldsAsync());
        Assert.Equal(0, await _app.QueryAsync(db => db.Transactions.CountAsync()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1_001)]
    public async Task A_batch_of_no_items_or_too_many_is_refused_whole(int count)
    {
        var items = Enumerable.Range(0, count).Select(i => ApiKit.Transaction($"FZ-N-{i}")).ToArray<JsonNode>();
        var before = await CountsAsync();

        var response = await _crm.PostBatchAsync(items);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["transactions"], await response.ErrorFieldsAsync());
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_batch_body_of_the_wrong_shape_is_a_400_naming_transactions()
    {
        var valid = ApiKit.Transaction("FZ-SHAPE").ToJsonString();
        string[] bodies =
        [
            "{}", "[]", "[" + valid + "]", "{\"transactions\":{}}", "{\"transactions\":null}", "{\"transactions\":\"" + valid.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"}",
            "{\"transactions\":1e308}", "{\"Transactions\":[" + valid + "]}", valid,
        ];
        foreach (var body in bodies)
        {
            var before = await CountsAsync();

            var response = await PostRawAsync("/api/v1/transactions/batch", Encoding.UTF8.GetBytes(body));

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{body[..Math.Min(40, body.Length)]}: {response.StatusCode}");
            Assert.Equal(["transactions"], await response.ErrorFieldsAsync());
            Assert.Equal(before, await CountsAsync());
        }
    }

    /// <summary>Sets a field, or a field of the contact while the contact is still an object.</summary>
    private static JsonObject Set(JsonObject body, string field, JsonNode? value) =>
        field.Split('.') is [var parent, _] && body[parent] is not JsonObject ? body : body.With(field, value);

    [Theory]
    [InlineData("POST", "/api/v1/transactions", "text/plain", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/api/v1/transactions/batch", "application/xml", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/api/v1/transactions", "", HttpStatusCode.BadRequest)]
    [InlineData("PUT", "/api/v1/transactions", "application/json", HttpStatusCode.NotFound)]
    [InlineData("DELETE", "/api/v1/transactions/batch", "application/json", HttpStatusCode.NotFound)]
    [InlineData("POST", "/api/v1/no-such-thing", "application/json", HttpStatusCode.NotFound)]
    [InlineData("POST", "/api/v2/transactions", "application/json", HttpStatusCode.Unauthorized)]
    [InlineData("GET", "/api/v1/transactions/not-a-guid", "", HttpStatusCode.NotFound)]
    public async Task A_wrong_content_type_path_or_method_is_a_problem_not_the_staff_status_page(string method, string path, string contentType, HttpStatusCode expected)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(ApiKit.Transaction("FZ-CT").ToJsonString()));
        if (contentType.Length > 0)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        var response = await _crm.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "GET" ? null : content });

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (expected == HttpStatusCode.BadRequest)
        {
            Assert.Contains(await response.ErrorFieldsAsync(), f => f is "body" or "transactions");
        }

        Assert.Equal(0, await _app.QueryAsync(db => db.Transactions.CountAsync()));
    }

    private async Task<HttpResponseMessage> PostRawAsync(string path, byte[] body, string contentType = "application/json")
    {
        var content = new ByteArrayContent(body);
        if (contentType.Length > 0)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return await _crm.PostAsync(path, content);
    }

    /// <summary>Never a 5xx; anything but a success is a ProblemDetails.</summary>
    private static async Task AssertAnsweredAsync(HttpResponseMessage response)
    {
        Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode}: {Shorten(await response.Content.ReadAsStringAsync())}");
        if (!response.IsSuccessStatusCode)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    private Task<(int Transactions, int Contacts, int Invitations, int Outbox)> CountsAsync() =>
        _app.QueryAsync(async db => (await db.Transactions.CountAsync(), await db.Contacts.CountAsync(), await db.SurveyInvitations.CountAsync(), await db.OutboxMessages.CountAsync()));

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + $"… ({text.Length} characters)";
}
