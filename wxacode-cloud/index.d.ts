/// <reference types="node" />
// Types of what wxacode-cloud offers: wx-server-sdk's cloud calls, answered by a wxacode server.

export interface InitOptions {
  /** Accepted for wx-server-sdk's sake; a wxacode server is one environment. */
  env?: string | symbol | Record<string, string | symbol>;
  /** How long a call waits for its answer, in ms (default 15000). */
  timeout?: number;
  [option: string]: unknown;
}

/** What a failed call rejects with: WeChat's errcode (or -1, -604100, -604101) and message. */
export class CloudSDKError extends Error {
  errCode: number;
  errMsg: string;
}

export interface CallResult {
  errCode: 0;
  /** "openapi.<namespace>.<method>:ok" */
  errMsg: string;
}

export interface ImageResult extends CallResult {
  contentType: string;
  buffer: Buffer;
}

export interface Rgb {
  r: number | string;
  g: number | string;
  b: number | string;
}

export interface Drawing {
  width?: number;
  autoColor?: boolean;
  lineColor?: Rgb;
  isHyaline?: boolean;
  envVersion?: 'release' | 'trial' | 'develop';
}

export interface LinkInfo {
  appid: string;
  path: string;
  query: string;
  createTime: number;
  expireTime: number;
  envVersion: string;
}

export interface QuotaInfo {
  remainVisitQuota: number;
}

export interface Expiry {
  isExpire?: boolean;
  expireType?: 0 | 1;
  expireTime?: number;
  expireInterval?: number;
}

/** Any other name is callable too and answers -604100 (or -604101 without the permission). */
export interface OpenApi {
  (options: { appid?: string; convertCase?: boolean }): OpenApi;
  wxacode: {
    getUnlimited(params: Drawing & { scene: string; page?: string; checkPath?: boolean }): Promise<ImageResult>;
    get(params: Drawing & { path: string }): Promise<ImageResult>;
    createQRCode(params: { path: string; width?: number }): Promise<ImageResult>;
  };
  urlscheme: {
    generate(params: Expiry & { jumpWxa?: { path?: string; query?: string; envVersion?: string } }):
      Promise<CallResult & { openlink: string }>;
    query(params: { scheme: string }): Promise<CallResult & { schemeInfo: LinkInfo; visitOpenid: string; quotaInfo: QuotaInfo }>;
  };
  urllink: {
    generate(params: Expiry & { path?: string; query?: string; envVersion?: string }):
      Promise<CallResult & { urlLink: string }>;
    query(params: { urlLink: string }): Promise<CallResult & { urlLinkInfo: LinkInfo; visitOpenid: string; quotaInfo: QuotaInfo }>;
  };
  shortlink: {
    generate(params: { pageUrl: string; pageTitle?: string; isPermanent?: boolean }): Promise<CallResult & { link: string }>;
  };
  [namespace: string]: any;
}

export const version: string;
export const DYNAMIC_CURRENT_ENV: symbol;
export function init(options?: InitOptions): void;
export const openapi: OpenApi;
export function getWXContext(): { OPENID?: string; APPID?: string; UNIONID?: string; ENV?: string; SOURCE?: string;
  [key: string]: string | number | undefined };
export function logger(): Record<'log' | 'info' | 'warn' | 'error', (entry: object | string) => void>;

/** Parts of wx-server-sdk this package does not offer: each throws, saying so. */
export const database: (...args: any[]) => never;
export const callFunction: (...args: any[]) => never;
export const uploadFile: (...args: any[]) => never;
export const downloadFile: (...args: any[]) => never;
export const getTempFileURL: (...args: any[]) => never;
export const deleteFile: (...args: any[]) => never;
export const getOpenData: (...args: any[]) => never;
export const getVoIPSign: (...args: any[]) => never;
export const getCloudCallSign: (...args: any[]) => never;
export const callOpenAPI: (...args: any[]) => never;
export const cloudPay: Record<string, (...args: any[]) => never>;
