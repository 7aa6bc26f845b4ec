using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using ServiceExcellence.Infrastructure.Email;

namespace ServiceExcellence.Web.Pages.Dev.Mailbox;

/// <summary>The emails written to the pickup folder, newest first. Development only: elsewhere the page does not exist.</summary>
public sealed class IndexModel(IWebHostEnvironment environment, IOptions<EmailOptions> options) : PageModel
{
    public PickupMailbox Mailbox { get; } = new(options.Value.PickupDirectory);

    public IReadOnlyList<PickupMailbox.Entry> Emails { get; private set; } = [];

    public IActionResult OnGet()
    {
        if (!environment.IsDevelopment())
        {
            return NotFound();
        }

        Emails = Mailbox.List();
        return Page();
    }
}
