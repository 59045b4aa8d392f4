-- Headless Neovim (0.7+) as a user configures it from the README's 0.7-0.9 snippet:
-- a FileType autocmd starts one Plumbline client and attaches every buffer to it.
-- Then it waits for the server's diagnostics and writes them to $PLUMBLINE_RESULT.
local server = os.getenv('PLUMBLINE_SERVER')
local result = os.getenv('PLUMBLINE_RESULT')

local plumbline_client
vim.api.nvim_create_autocmd('FileType', {
  pattern = { 'dockerfile', 'yaml', 'python', 'markdown', 'sh' },
  callback = function(args)
    if not plumbline_client or not vim.lsp.get_client_by_id(plumbline_client) then
      plumbline_client = vim.lsp.start_client({
        name = 'plumbline',
        cmd = { 'node', server, '--stdio' },
        root_dir = vim.fn.getcwd(),
      })
    end
    vim.lsp.buf_attach_client(args.buf, plumbline_client)
  end,
})

vim.api.nvim_create_autocmd('VimEnter', {
  callback = function()
    local arrived = vim.wait(30000, function()
      return #vim.diagnostic.get(0) > 0
    end, 100)
    local lines = {}
    for _, diagnostic in ipairs(vim.diagnostic.get(0)) do
      table.insert(lines, string.format('%d:%d %s %s', diagnostic.lnum + 1, diagnostic.col + 1, diagnostic.code or '?', diagnostic.message))
    end
    table.sort(lines)
    table.insert(lines, 1, 'filetype=' .. vim.bo.filetype .. ' arrived=' .. tostring(arrived))
    vim.fn.writefile(lines, result)
    vim.cmd(arrived and 'qall!' or 'cquit!')
  end,
})
