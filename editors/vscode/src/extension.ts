// VS Code client for the gxlint language server (`gxlint lsp`).
//
// The server does all the work (diagnostics, quick fixes, `source.fixAll.gxlint`); this file only
// finds the binary, starts it over stdio for Markdown and plain-text documents, and adds two
// commands: restart the server, and apply every safe fix in the current document; plus
// `gxlint: Convert to Markdown` for a `.docx` (runs `gxlint convert`).

import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as vscode from "vscode";
import {
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
} from "vscode-languageclient/node";

const CLIENT_ID = "gxlint";
const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append("gxlint");

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;

/** Where the `gxlint` binary is: the setting, else the bundled one, else `gxlint` on PATH. */
export function resolveServerPath(context: vscode.ExtensionContext): string {
  const configured = vscode.workspace.getConfiguration("gxlint").get<string>("server.path", "").trim();
  if (configured !== "") {
    let p = configured;
    if (p === "~" || p.startsWith("~/")) {
      p = path.join(os.homedir(), p.slice(1));
    }
    if (!path.isAbsolute(p) && p.includes(path.sep)) {
      const folder = vscode.workspace.workspaceFolders?.[0];
      if (folder !== undefined && folder.uri.scheme === "file") {
        p = path.join(folder.uri.fsPath, p);
      }
    }
    return p;
  }
  const bundled = context.asAbsolutePath(path.join("server", process.platform === "win32" ? "gxlint.exe" : "gxlint"));
  if (!fs.existsSync(bundled)) {
    return "gxlint";
  }
  try {
    fs.accessSync(bundled, fs.constants.X_OK);
  } catch {
    // An unpacked .vsix may lose the executable bit; put it back if we may.
    try {
      fs.chmodSync(bundled, 0o755);
    } catch {
      return "gxlint";
    }
  }
  return bundled;
}

function createClient(context: vscode.ExtensionContext): LanguageClient {
  const config = vscode.workspace.getConfiguration("gxlint");
  const command = resolveServerPath(context);
  const extraArgs = config.get<string[]>("server.extraArgs", []).filter((a) => typeof a === "string");
  output ??= vscode.window.createOutputChannel("gxlint");
  output.appendLine(`gxlint: starting ${command} lsp ${extraArgs.join(" ")}`.trimEnd());

  // No `transport`: the client would add `--stdio`, which `gxlint lsp` does not take; an
  // executable without one talks over stdin/stdout all the same.
  const serverOptions: ServerOptions = {
    command,
    args: ["lsp", ...extraArgs],
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "markdown" },
      { scheme: "file", language: "plaintext" },
      { scheme: "untitled", language: "markdown" },
      { scheme: "untitled", language: "plaintext" },
    ],
    // The editor settings gxlint.enable / run / select / ignore: sent at start, then pulled by
    // the server (workspace/configuration) and pushed on every change (configurationSection).
    // The server merges them under gxlint.toml.
    initializationOptions: editorSettings(config),
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher("**/gxlint.toml"),
      configurationSection: "gxlint",
    },
    outputChannel: output,
    // `gxlint.trace.server` is read by the client itself (the setting is named after CLIENT_ID).
  };
  return new LanguageClient(CLIENT_ID, "gxlint", serverOptions, clientOptions);
}

/** The settings the server reads (`EditorSettings` in src/lsp/settings.rs). */
function editorSettings(config: vscode.WorkspaceConfiguration): Record<string, unknown> {
  return {
    enable: config.get<boolean>("enable", true),
    run: config.get<string>("run", "onType"),
    select: config.get<string[]>("select", []),
    ignore: config.get<string[]>("ignore", []),
  };
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  client = createClient(context);
  try {
    await client.start();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    void vscode.window.showErrorMessage(
      `gxlint: could not start the language server (${message}). Set "gxlint.server.path" or put gxlint on PATH.`,
    );
  }
}

async function stopClient(): Promise<void> {
  const c = client;
  client = undefined;
  if (c !== undefined) {
    try {
      await c.stop();
    } catch {
      // A server that already died cannot be stopped; starting anew is all that matters.
    }
  }
}

async function restartServer(context: vscode.ExtensionContext): Promise<void> {
  await stopClient();
  await startClient(context);
  output?.appendLine("gxlint: server restarted");
}

async function fixAll(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (editor === undefined) {
    void vscode.window.showInformationMessage("gxlint: open a Markdown or text document first");
    return;
  }
  // Runs the server's `source.fixAll.gxlint` action on the active document, as
  // "Source Action…" would, applying it without asking.
  await vscode.commands.executeCommand("editor.action.sourceAction", {
    kind: FIX_ALL_KIND.value,
    apply: "first",
  });
}

/**
 * `gxlint: Convert to Markdown`: runs `gxlint convert FILE -o FILE.md` for the `.docx` (or
 * saved page) chosen in the explorer or shown in the active editor, then opens the draft.
 * The language server never opens `.docx` files itself.
 */
async function convertToMarkdown(context: vscode.ExtensionContext, uri?: vscode.Uri): Promise<void> {
  const target = uri ?? vscode.window.activeTextEditor?.document.uri ?? activeTabUri();
  if (!target || target.scheme !== "file") {
    void vscode.window.showErrorMessage("gxlint：请先在资源管理器中选择一个 .docx 文件");
    return;
  }
  const src = target.fsPath;
  const out = src.replace(/\.(docx|docm|html?|shtml)$/i, "") + ".md";
  if (fs.existsSync(out)) {
    const ok = await vscode.window.showWarningMessage(
      `${path.basename(out)} 已存在，是否覆盖？`,
      { modal: true },
      "覆盖",
    );
    if (ok !== "覆盖") {
      return;
    }
  }
  const bin = resolveServerPath(context);
  await new Promise<void>((resolve) => {
    execFile(bin, ["convert", src, "-o", out], { timeout: 60_000 }, (err, _stdout, stderr) => {
      if (err) {
        void vscode.window.showErrorMessage(`gxlint convert 失败：${(stderr || err.message).trim()}`);
      } else {
        void vscode.window.showTextDocument(vscode.Uri.file(out));
      }
      resolve();
    });
  });
}

function activeTabUri(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputCustom || input instanceof vscode.TabInputText
    ? input.uri
    : undefined;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand("gxlint.convertToMarkdown", (uri?: vscode.Uri) =>
      convertToMarkdown(context, uri),
    ),
    vscode.commands.registerCommand("gxlint.restartServer", () => restartServer(context)),
    vscode.commands.registerCommand("gxlint.fixAll", () => fixAll()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration("gxlint.server")) {
        void restartServer(context);
      }
    }),
    { dispose: () => void stopClient() },
  );
  await startClient(context);
}

export async function deactivate(): Promise<void> {
  await stopClient();
}
