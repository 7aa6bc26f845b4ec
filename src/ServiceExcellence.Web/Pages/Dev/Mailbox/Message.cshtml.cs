using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using ServiceExcellence.Infrastructure.Email;

namespace ServiceExcellence.Web.Pages.Dev.Mailbox;

/// <summary>One email of the pickup folder with its links. Development only.</summary>
public sealed class MessageModel(IWebHostEnvironment environment, IOptions<EmailOptions> options) : PageModel
{
    public PickupMailbox.Email Email { get; private set; } = default!;

    /// <param name="name">The bare file name of an .eml file in the pickup folder; anything else is not found.</param>
    public IActionResult OnGet(string? name)
    {
        if (!environment.IsDevelopment() || new PickupMailbox(options.Value.PickupDirectory).Open(name) is not { } email)
        {
            return NotFound();
        }

        Email = email;
        return Page();
    }
}
