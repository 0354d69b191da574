// Finder: a Quick Action per variant, an Automator workflow bundle in ~/Library/Services whose one
// step is "Run Shell Script" with the selected files passed as arguments.
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { FileSpec } from './linux.js';
import { actionWords, label, type Launcher, type Offer, type Variant } from './launcher.js';
import { plistXml } from './plist.js';
import { shQuote } from './quote.js';

function servicesDir(home: string): string {
  return path.join(home, 'Library', 'Services');
}

/** A Quick Action is named by its folder: the user's language at install time. */
function workflowDir(home: string, variant: Variant, offer: Offer): string {
  return path.join(servicesDir(home), `${label(variant, offer.lang)}.workflow`);
}

/** Stable UUIDs, so installing twice writes the same bytes. */
function uuid(seed: string): string {
  const h = createHash('sha1').update(seed).digest('hex').toUpperCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function shellScript(l: Launcher, variant: Variant): string {
  return `# Share Safely: "${label(variant, 'en')}". Added by \`share-safely integrate install\`; \`share-safely integrate uninstall\` removes it.
exec ${actionWords(l, variant).map(shQuote).join(' ')} "$@"
`;
}

const fileInput = 'com.apple.Automator.fileSystemObject';

function documentWflow(l: Launcher, variant: Variant): string {
  const id = (role: string) => uuid(`share-safely-${variant}-${role}`);
  return plistXml({
    AMApplicationBuild: '523',
    AMApplicationVersion: '2.10',
    AMDocumentVersion: '2',
    actions: [
      {
        action: {
          AMAccepts: { Container: 'List', Optional: true, Types: ['com.apple.cocoa.string'] },
          AMActionVersion: '2.0.3',
          AMApplication: ['Automator'],
          AMParameterProperties: { COMMAND_STRING: {}, CheckedForUserDefaultShell: {}, inputMethod: {}, shell: {}, source: {} },
          AMProvides: { Container: 'List', Types: ['com.apple.cocoa.string'] },
          ActionBundlePath: '/System/Library/Automator/Run Shell Script.action',
          ActionName: 'Run Shell Script',
          ActionParameters: {
            COMMAND_STRING: shellScript(l, variant),
            CheckedForUserDefaultShell: true,
            // 1 = pass the input as arguments ("$@"), not on stdin.
            inputMethod: 1,
            shell: '/bin/sh',
            source: '',
          },
          BundleIdentifier: 'com.apple.RunShellScript',
          CFBundleVersion: '2.0.3',
          CanShowSelectedItemsWhenRun: false,
          CanShowWhenRun: true,
          Category: ['AMCategoryUtilities'],
          'Class Name': 'RunShellScriptAction',
          InputUUID: id('input'),
          Keywords: ['Shell', 'Script', 'Command', 'Run', 'Unix'],
          OutputUUID: id('output'),
          UUID: id('action'),
          UnlocalizedApplications: ['Automator'],
          isViewVisible: 1,
          location: '309.000000:253.000000',
          nibPath: '/System/Library/Automator/Run Shell Script.action/Contents/Resources/Base.lproj/main.nib',
        },
        isViewVisible: 1,
      },
    ],
    connectors: {},
    workflowMetaData: {
      applicationBundleIDsByPath: {},
      applicationPaths: [],
      inputTypeIdentifier: fileInput,
      outputTypeIdentifier: 'com.apple.Automator.nothing',
      presentationMode: 15,
      processesInput: 0,
      serviceApplicationBundleID: 'com.apple.finder',
      serviceApplicationPath: '/System/Library/CoreServices/Finder.app',
      serviceInputTypeIdentifier: fileInput,
      serviceOutputTypeIdentifier: 'com.apple.Automator.nothing',
      serviceProcessesInput: 0,
      systemImageName: 'NSActionTemplate',
      useAutomaticInputType: 0,
      workflowTypeIdentifier: 'com.apple.Automator.servicesMenu',
    },
  });
}

function infoPlist(variant: Variant, offer: Offer): string {
  return plistXml({
    NSServices: [
      {
        NSMenuItem: { default: label(variant, offer.lang) },
        NSMessage: 'runWorkflowAsService',
        NSRequiredContext: { NSApplicationIdentifier: 'com.apple.finder' },
        NSSendFileTypes: ['public.image', 'public.folder'],
      },
    ],
  });
}

export function quickActions(l: Launcher, home: string, offer: Offer): FileSpec[] {
  return offer.variants.flatMap((v) => [
    { path: path.join(workflowDir(home, v, offer), 'Contents', 'Info.plist'), mode: 0o644, content: infoPlist(v, offer) },
    { path: path.join(workflowDir(home, v, offer), 'Contents', 'document.wflow'), mode: 0o644, content: documentWflow(l, v) },
  ]);
}
